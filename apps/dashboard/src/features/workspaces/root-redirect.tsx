import { Navigate } from 'react-router';
import { FullPageLoading } from '../../components/spinner';
import { lastWorkspace } from '../../lib/last-workspace';
import { openWorkspaces, useAuthConfig, useMe } from '../../lib/session';
import { ErrorAlert } from '../../components/alert';

/** `/`: first-run setup, sign-in, onboarding, or the workspace used last. */
export function RootRedirect() {
  const config = useAuthConfig();
  const me = useMe();
  if (config.isPending || me.isPending) return <FullPageLoading />;
  if (config.data?.setupNeeded) return <Navigate to="/setup" replace />;
  if (me.isError) {
    return (
      <main className="mx-auto max-w-lg px-6 py-16">
        <h1 className="text-xl font-semibold">Switchboard is not answering</h1>
        <ErrorAlert error={me.error} className="mt-4" />
      </main>
    );
  }
  if (!me.data) return <Navigate to="/login" replace />;
  const workspaces = openWorkspaces(me.data);
  const last = lastWorkspace();
  const target =
    workspaces.find((w) => w.id === last) ?? workspaces.find((w) => w.status === 'active') ?? workspaces[0];
  return <Navigate to={target ? `/w/${target.id}` : '/onboarding'} replace />;
}
