import { forwardRef, useId, type ComponentPropsWithRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { cva } from 'class-variance-authority';
import { cn } from '../lib/cn';

/** A form control; an invalid one (aria-invalid, set from `error`) gets a red border. */
export const controlVariants = cva(
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500',
  // A select keeps room on the right for its arrow.
  { variants: { select: { true: 'pr-8', false: '' } } },
);

interface FieldShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, control, hint and error wired together (aria-describedby, aria-invalid). */
function FieldShell({ label, hint, error, className, children }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

// React 19 passes `ref` as a prop: react-hook-form's register() reaches the control through `...rest`.
type Common = { label: ReactNode; hint?: ReactNode; error?: string | undefined; fieldClassName?: string };

export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(
  function TextField({ label, hint, error, fieldClassName, className, ...rest }, ref) {
    return (
      <FieldShell label={label} hint={hint} error={error} className={fieldClassName}>
        {({ id, describedBy, invalid }) => (
          <input
            ref={ref}
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={cn(controlVariants(), className)}
            {...rest}
          />
        )}
      </FieldShell>
    );
  },
);

export function SelectField({
  label,
  hint,
  error,
  fieldClassName,
  className,
  children,
  ...rest
}: Common & ComponentPropsWithRef<'select'>) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={cn(controlVariants({ select: true }), className)}
          {...rest}
        >
          {children}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  fieldClassName,
  className,
  ...rest
}: Common & ComponentPropsWithRef<'textarea'>) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={fieldClassName}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={cn(controlVariants(), className)}
          {...rest}
        />
      )}
    </FieldShell>
  );
}

export function Checkbox({
  label,
  hint,
  className,
  ...rest
}: { label: ReactNode; hint?: ReactNode } & ComponentPropsWithRef<'input'>) {
  const id = useId();
  return (
    <div className={cn('flex items-start gap-2.5', className)}>
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-slate-500">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
