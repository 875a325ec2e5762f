import * as Menu from '@radix-ui/react-dropdown-menu';
import { Link } from 'react-router';
import { Icon } from '../../components/icons';
import { useToast } from '../../components/toast';
import { useSession } from '../../lib/session';
import { useSignOut } from '../auth/use-sign-out';

const ITEM =
  'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900';

function initials(name: string, email: string): string {
  const source = name.trim() || email;
  const parts = source.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?';
}

/** Account, the admin console for platform administrators, and sign out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const me = useSession();
  const signOut = useSignOut();
  const notify = useToast();
  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label="Account menu"
        className="flex w-full min-w-0 items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm hover:bg-slate-100"
      >
        <span
          className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800"
          aria-hidden="true"
        >
          {initials(me.user.name, me.user.email)}
        </span>
        {!compact && (
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium text-slate-900">{me.user.name || me.user.email}</span>
            <span className="block truncate text-xs text-slate-500">{me.user.email}</span>
          </span>
        )}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <Menu.Label className="px-3 py-2 text-xs text-slate-500">
            Signed in as <span className="font-medium text-slate-700">{me.user.email}</span>
          </Menu.Label>
          <Menu.Item asChild className={ITEM}>
            <Link to="/account">
              <Icon name="user" className="h-4 w-4" /> Account settings
            </Link>
          </Menu.Item>
          {me.user.superAdmin && (
            <Menu.Item asChild className={ITEM}>
              <Link to="/admin">
                <Icon name="shield" className="h-4 w-4" /> Admin console
              </Link>
            </Menu.Item>
          )}
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Item
            className={ITEM}
            onSelect={() =>
              void signOut().catch(() =>
                notify('Signing out failed: the session may still be open. Try again.', 'error'),
              )
            }
          >
            <Icon name="logout" className="h-4 w-4" /> Sign out
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
