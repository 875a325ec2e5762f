import { cn } from '../lib/cn';

export function Logo({ className, withName = true }: { className?: string; withName?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900', className)}>
      <img src="/favicon.svg" alt="" className="h-7 w-7" />
      {withName && <span>Switchboard</span>}
    </span>
  );
}
