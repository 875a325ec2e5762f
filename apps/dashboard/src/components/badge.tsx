import type { ReactNode } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from '../lib/cn';

export const badgeVariants = cva(
  'inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
  {
    variants: {
      tone: {
        gray: 'bg-slate-100 text-slate-700 ring-slate-200',
        green: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
        amber: 'bg-amber-50 text-amber-800 ring-amber-200',
        red: 'bg-red-50 text-red-800 ring-red-200',
        indigo: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
      },
    },
    defaultVariants: { tone: 'gray' },
  },
);

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>['tone']>;

export function Badge({ tone, children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={cn(badgeVariants({ tone }), className)}>{children}</span>;
}

export function statusTone(status: string): BadgeTone {
  if (status === 'active' || status === 'accepted') return 'green';
  if (status === 'suspended' || status === 'expired' || status === 'pending') return 'amber';
  if (status === 'deleting' || status === 'deleted' || status === 'revoked') return 'red';
  return 'gray';
}
