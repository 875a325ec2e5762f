import * as Menu from '@radix-ui/react-dropdown-menu';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge } from '../../components/badge';
import { Dialog } from '../../components/dialog';
import { Icon } from '../../components/icons';
import { ROLE_LABELS } from '../../lib/permissions';
import { openWorkspaces, useSession } from '../../lib/session';
import { CreateWorkspaceForm } from './create-workspace-form';

const ITEM =
  'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900';

export function WorkspaceSwitcher({ currentId, currentName }: { currentId: string; currentName: string }) {
  const me = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // The dialog opens once the menu has closed: opened earlier, the menu handing focus back to
  // its trigger would count as focus leaving the dialog, and close it at once.
  const createNext = useRef(false);
  const workspaces = openWorkspaces(me);
  const current = workspaces.find((w) => w.id === currentId);
  return (
    <>
      <Menu.Root>
        <Menu.Trigger
          ref={trigger}
          aria-label={`Switch workspace (current: ${currentName})`}
          className="flex w-full items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 text-left shadow-sm hover:bg-slate-50"
        >
          <span
            className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-indigo-600 text-sm font-semibold text-white"
            aria-hidden="true"
          >
            {currentName.charAt(0).toUpperCase()}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-semibold text-slate-900" title={currentName}>
              {currentName}
            </span>
            {current && (
              <span className="block text-xs text-slate-500">{ROLE_LABELS[current.role] ?? current.role}</span>
            )}
          </span>
          <Icon name="chevron" className="h-4 w-4 text-slate-500" />
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content
            align="start"
            sideOffset={6}
            className="z-50 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
            onCloseAutoFocus={(event) => {
              if (!createNext.current) return;
              createNext.current = false;
              event.preventDefault();
              setCreating(true);
            }}
          >
            <Menu.Label className="px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500">
              Workspaces
            </Menu.Label>
            {workspaces.map((workspace) => (
              <Menu.Item key={workspace.id} className={ITEM} onSelect={() => void navigate(`/w/${workspace.id}`)}>
                <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
                {workspace.status === 'suspended' && <Badge tone="amber">Suspended</Badge>}
                {workspace.id === currentId && (
                  <>
                    <Icon name="check" className="h-4 w-4 text-indigo-600" />
                    <span className="sr-only">(current)</span>
                  </>
                )}
              </Menu.Item>
            ))}
            <Menu.Separator className="my-1 h-px bg-slate-200" />
            <Menu.Item className={ITEM} onSelect={() => (createNext.current = true)}>
              <Icon name="plus" className="h-4 w-4" /> Create workspace
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        returnFocus={trigger}
        title="Create a workspace"
        description="Each workspace has its own agents, knowledge, conversations and team. You will be its owner."
      >
        <CreateWorkspaceForm autoFocus onCreated={() => setCreating(false)} />
      </Dialog>
    </>
  );
}
