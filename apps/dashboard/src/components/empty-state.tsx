import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

export function EmptyState({
  title,
  children,
  action,
  icon,
  className,
  heading: Heading = 'h2',
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
  heading?: 'h1' | 'h2';
}) {
  return (
    <div className={cn('rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center', className)}>
      {icon && (
        <div className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
          {icon}
        </div>
      )}
      <Heading className="text-base font-semibold text-slate-900">{title}</Heading>
      {children && <div className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  );
}
