import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from '../lib/cn';
import { Spinner } from './spinner';

export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-lg font-medium transition-colors disabled:cursor-not-allowed',
  {
    variants: {
      size: { sm: 'px-2.5 py-1.5 text-sm', md: 'px-4 py-2 text-sm' },
      variant: {
        primary: 'bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-300',
        secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 disabled:text-slate-400',
        danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300',
        ghost: 'text-slate-700 hover:bg-slate-100 disabled:text-slate-400',
        /** A quiet destructive action in a row or a dialog's corner (delete, remove, revoke). */
        'ghost-danger': 'text-red-700 hover:bg-red-50 disabled:text-slate-400',
        // A link sits in running text: no padding whatever the size (cn drops the size's).
        link: 'p-0 text-indigo-700 underline-offset-2 hover:underline disabled:text-slate-400',
      },
    },
    defaultVariants: { size: 'md', variant: 'primary' },
  },
);

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, VariantProps<typeof buttonVariants> {
  /** Shows a spinner and disables the button while a request is in flight. */
  pending?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, size, pending = false, disabled, className, children, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={cn(buttonVariants({ variant, size }), className)}
      {...rest}
    >
      {pending && <Spinner className="h-4 w-4" />}
      {children}
    </button>
  );
});
