import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Logo } from '../../components/logo';
import { useTitle } from '../../lib/use-title';

/** The centered card every signed-out page (sign-in, sign-up, setup, invitations) sits in. */
export function AuthCard({
  title,
  description,
  children,
  footer,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  useTitle(title);
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-50 px-4 py-10 sm:py-16">
      <Link to="/" className="rounded-md" aria-label="Switchboard home">
        <Logo className="text-lg" />
      </Link>
      <main id="main" className={`mt-8 w-full ${wide ? 'max-w-xl' : 'max-w-md'}`}>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description && <div className="mt-2 text-sm text-slate-600">{description}</div>}
          <div className="mt-6">{children}</div>
        </div>
        {footer && <div className="mt-6 text-center text-sm text-slate-600">{footer}</div>}
      </main>
    </div>
  );
}

export const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline';
