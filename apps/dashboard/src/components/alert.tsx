import type { ReactNode } from 'react';
import { cva } from 'class-variance-authority';
import { ApiError } from '../lib/api';
import { cn } from '../lib/cn';
import { errorMessage } from '../lib/errors';

export const alertVariants = cva('rounded-lg border text-sm', {
  variants: {
    tone: {
      error: 'border-red-200 bg-red-50 text-red-800',
      info: 'border-sky-200 bg-sky-50 text-sky-900',
      success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
      warning: 'border-amber-300 bg-amber-50 text-amber-900',
    },
    /** `compact` fits a toolbar or a composer's row. */
    size: { md: 'px-4 py-3', compact: 'px-4 py-1.5' },
  },
  defaultVariants: { tone: 'info', size: 'md' },
});

type AlertSize = 'md' | 'compact';

/** A failure, announced as soon as it appears (role="alert"). */
export function ErrorAlert({
  error,
  children,
  size,
  className,
}: {
  error?: unknown;
  children?: ReactNode;
  size?: AlertSize;
  className?: string;
}) {
  if (!error && !children) return null;
  // The reference helps an operator find a server failure in the logs; for a refused sign-in it is noise.
  const requestId =
    error instanceof ApiError && (error.status >= 500 || error.status === 0) ? error.requestId : undefined;
  return (
    <div role="alert" className={cn(alertVariants({ tone: 'error', size }), className)}>
      {error ? <p>{errorMessage(error)}</p> : null}
      <PlanLink error={error} />
      {children}
      {requestId && <p className="mt-1 text-xs text-red-700/80">Reference: {requestId}</p>}
    </div>
  );
}

export function Notice({
  tone,
  size,
  title,
  children,
  className,
}: {
  tone?: 'info' | 'success' | 'warning';
  size?: AlertSize;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div role="status" className={cn(alertVariants({ tone, size }), className)}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-1' : undefined}>{children}</div>}
    </div>
  );
}

const PLAN_CODES = new Set(['limit_exceeded', 'feature_not_in_plan']);

/** A refusal by the workspace's plan (402/403) links to the Billing page, where the plan and its meters are. */
function PlanLink({ error }: { error: unknown }) {
  const workspaceId = /^\/w\/([^/]+)/.exec(window.location.pathname)?.[1];
  if (!(error instanceof ApiError) || !PLAN_CODES.has(error.code) || !workspaceId) return null;
  return (
    <p className="mt-1">
      <a className="font-medium underline" href={`/w/${workspaceId}/billing`}>
        See your plan and its limits on the Billing page
      </a>
    </p>
  );
}
