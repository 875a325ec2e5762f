import { NavLink, Outlet } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { cn } from '../../lib/cn';
import { useSession } from '../../lib/session';
import { useTitle } from '../../lib/use-title';
import { AppShell } from '../workspaces/app-shell';

const TAB = ({ isActive }: { isActive: boolean }) =>
  cn(
    'border-b-2 px-1 pb-2.5 pt-1 text-sm font-medium',
    isActive ? 'border-indigo-600 text-indigo-800' : 'border-transparent text-slate-600 hover:text-slate-900',
  );

/** The platform administrator's console: every workspace, and the security log. */
export function AdminLayout() {
  const me = useSession();
  if (!me.user.superAdmin) return <NotAdmin />;
  return (
    <AppShell
      wide
      nav={
        <nav aria-label="Admin console" className="mx-auto flex max-w-7xl gap-6 px-4 sm:px-6">
          <NavLink to="/admin" end className={TAB}>
            Workspaces
          </NavLink>
          <NavLink to="/admin/plans" className={TAB}>
            Plans
          </NavLink>
          <NavLink to="/admin/security-log" className={TAB}>
            Security log
          </NavLink>
          <NavLink to="/admin/revenue" className={TAB}>
            Revenue
          </NavLink>
        </nav>
      }
    >
      <Outlet />
    </AppShell>
  );
}

function NotAdmin() {
  useTitle('Not available');
  return (
    <AppShell>
      <EmptyState heading="h1" title="The admin console is for platform administrators">
        <p>Your account does not administer this installation.</p>
      </EmptyState>
    </AppShell>
  );
}
