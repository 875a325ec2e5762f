import { cn } from '../lib/cn';

/** A determinate progress bar (role="progressbar" with its value), labelled for screen readers. */
export function ProgressBar({
  value,
  label,
  className,
  tone = 'indigo',
}: {
  value: number;
  label: string;
  className?: string;
  tone?: 'indigo' | 'green';
}) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-slate-200', className)}
    >
      <div
        className={cn(
          'h-full rounded-full transition-[width] duration-300',
          tone === 'green' ? 'bg-emerald-600' : 'bg-indigo-600',
        )}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
