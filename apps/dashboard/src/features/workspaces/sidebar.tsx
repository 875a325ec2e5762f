import { NavLink } from 'react-router';
import { Icon } from '../../components/icons';
import { Logo } from '../../components/logo';
import { cn } from '../../lib/cn';
import { visibleGroups } from './nav-items';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

interface SidebarProps {
  workspaceId: string;
  workspaceName: string;
  /** Empty while the workspace can't be opened (suspended, not found): only the switcher shows. */
  permissions: string[];
  onNavigate?: () => void;
  showUserMenu?: boolean;
}

/** Workspace switcher, the modules this role can use, and (on wide screens) the user menu. */
export function Sidebar({ workspaceId, workspaceName, permissions, onNavigate, showUserMenu = true }: SidebarProps) {
  const groups = visibleGroups(permissions);
  return (
    <div className="flex h-full flex-col gap-4 p-4">
      <Logo className="px-2" />
      <WorkspaceSwitcher currentId={workspaceId} currentName={workspaceName} />
      <nav aria-label="Workspace" className="-mx-1 flex-1 overflow-y-auto px-1">
        {groups.map((group) => (
          <div key={group.label ?? 'top'} className="mb-4">
            {group.label && (
              <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500" aria-hidden="true">
                {group.label}
              </p>
            )}
            <ul className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.path}>
                  <NavLink
                    to={item.path ? `/w/${workspaceId}/${item.path}` : `/w/${workspaceId}`}
                    end={!item.path}
                    onClick={onNavigate}
                    className={({ isActive }) =>
                      cn(
                        'flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium',
                        isActive
                          ? 'bg-indigo-50 text-indigo-800'
                          : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
                      )
                    }
                  >
                    <Icon name={item.icon} className="h-5 w-5 shrink-0" />
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {showUserMenu && (
        <div className="border-t border-slate-200 pt-3">
          <UserMenu />
        </div>
      )}
    </div>
  );
}
