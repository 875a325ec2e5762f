import * as RadixDialog from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useParams } from 'react-router';
import { Icon } from '../../components/icons';
import { Logo } from '../../components/logo';
import { Loading } from '../../components/spinner';
import { api, ApiError } from '../../lib/api';
import { rememberWorkspace } from '../../lib/last-workspace';
import { useSession } from '../../lib/session';
import { WorkspaceContext, type WorkspaceDetail } from '../../lib/workspace';
import { Sidebar } from './sidebar';
import { UserMenu } from './user-menu';
import { WorkspaceUnavailable } from './workspace-unavailable';

export function useWorkspaceDetail(workspaceId: string) {
  return useQuery({
    queryKey: ['w', workspaceId, 'detail'],
    queryFn: () => api<WorkspaceDetail>('/api/v1/workspace', { workspaceId }),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
  });
}

/** Everything under /w/:workspaceId: sidebar, mobile menu, and the workspace for the pages inside. */
export function WorkspaceLayout() {
  const { workspaceId = '' } = useParams();
  const me = useSession();
  const detail = useWorkspaceDetail(workspaceId);
  const location = useLocation();
  // The mobile menu stays open only on the page it was opened on: following a link closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === location.pathname;
  const setMenuOpen = (open: boolean) => setMenuOpenAt(open ? location.pathname : null);

  useEffect(() => {
    if (detail.data) rememberWorkspace(workspaceId);
  }, [detail.data, workspaceId]);

  const membership = me.workspaces.find((w) => w.id === workspaceId);
  const name = detail.data?.workspace.name ?? membership?.name ?? 'Choose a workspace';
  const permissions = detail.data?.permissions ?? [];

  let content: ReactNode;
  if (detail.isPending) content = <Loading label="Opening the workspace…" />;
  else if (detail.isError) content = <WorkspaceUnavailable error={detail.error} retry={() => void detail.refetch()} />;
  else
    content = (
      <WorkspaceContext.Provider value={detail.data}>
        <Outlet />
      </WorkspaceContext.Provider>
    );

  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-slate-50 lg:block">
        <div className="sticky top-[var(--banner-height,0px)] h-[calc(100vh_-_var(--banner-height,0px))]">
          <Sidebar workspaceId={workspaceId} workspaceName={name} permissions={permissions} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2 lg:hidden">
          <RadixDialog.Root open={menuOpen} onOpenChange={setMenuOpen}>
            <RadixDialog.Trigger
              className="rounded-lg p-2 text-slate-700 hover:bg-slate-100"
              aria-label="Open navigation"
            >
              <Icon name="menu" className="h-6 w-6" />
            </RadixDialog.Trigger>
            <RadixDialog.Portal>
              <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50 lg:hidden" />
              <RadixDialog.Content
                aria-describedby={undefined}
                className="fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] overflow-y-auto bg-slate-50 shadow-xl lg:hidden"
              >
                <RadixDialog.Title className="sr-only">Navigation</RadixDialog.Title>
                <Sidebar
                  workspaceId={workspaceId}
                  workspaceName={name}
                  permissions={permissions}
                  onNavigate={() => setMenuOpen(false)}
                  showUserMenu={false}
                />
                <RadixDialog.Close
                  className="absolute right-3 top-3 rounded-md p-1.5 text-slate-600 hover:bg-slate-200"
                  aria-label="Close navigation"
                >
                  ✕
                </RadixDialog.Close>
              </RadixDialog.Content>
            </RadixDialog.Portal>
          </RadixDialog.Root>
          <Logo />
          <div className="w-12">
            <UserMenu compact />
          </div>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6 lg:px-10 lg:py-10"
        >
          {content}
        </main>
      </div>
    </div>
  );
}
