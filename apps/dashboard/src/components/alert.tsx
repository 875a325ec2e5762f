import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import { cn } from '../lib/cn';
import { errorMessage } from '../lib/errors';

/** A failure, announced as soon as it appears (role="alert"). */
export function ErrorAlert({ error, children, className }: { error?: unknown; children?: ReactNode; className?: string }) {
  if (!error && !children) return null;
  // The reference helps an operator find a server failure in the logs; for a refused sign-in it is noise.
  const requestId = error instanceof ApiError && (error.status >= 500 || error.status === 0) ? error.requestId : undefined;
  return (
    <div role="alert" className={cn('rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800', className)}>
      {error ? <p>{errorMessage(error)}</p> : null}
      {children}
      {requestId && <p className="mt-1 text-xs text-red-700/80">Reference: {requestId}</p>}
    </div>
  );
}

export function Notice({ tone = 'info', title, children, className }: { tone?: 'info' | 'success' | 'warning'; title?: ReactNode; children?: ReactNode; className?: string }) {
  const tones = {
    info: 'border-sky-200 bg-sky-50 text-sky-900',
    success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    warning: 'border-amber-300 bg-amber-50 text-amber-900',
  };
  return (
    <div role="status" className={cn('rounded-lg border px-4 py-3 text-sm', tones[tone], className)}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-1' : undefined}>{children}</div>}
    </div>
  );
}
