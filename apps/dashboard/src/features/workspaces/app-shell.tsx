import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Logo } from '../../components/logo';
import { UserMenu } from './user-menu';

/** Pages outside a workspace (account, admin console, onboarding): a top bar and a column. */
export function AppShell({ children, nav, wide = false }: { children: ReactNode; nav?: ReactNode; wide?: boolean }) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div
          className={`mx-auto flex items-center justify-between gap-4 px-4 py-2.5 sm:px-6 ${wide ? 'max-w-7xl' : 'max-w-4xl'}`}
        >
          <Link to="/" className="rounded-md" aria-label="Switchboard home">
            <Logo />
          </Link>
          <div className="w-auto max-w-64">
            <UserMenu />
          </div>
        </div>
        {nav}
      </header>
      <main
        id="main"
        tabIndex={-1}
        className={`mx-auto w-full px-4 py-8 outline-none sm:px-6 ${wide ? 'max-w-7xl' : 'max-w-4xl'}`}
      >
        {children}
      </main>
    </div>
  );
}
