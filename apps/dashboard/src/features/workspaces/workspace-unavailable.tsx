import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { useTitle } from '../../lib/use-title';
import { ApiError } from '../../lib/api';

/** The workspace can't be opened: not a member (404), suspended (403), or the server failed. */
export function WorkspaceUnavailable({ error, retry }: { error: unknown; retry: () => void }) {
  const code = error instanceof ApiError ? error.code : null;
  useTitle(code === 'workspace_suspended' ? 'Workspace suspended' : 'Workspace unavailable');
  if (code === 'workspace_suspended') {
    return (
      <EmptyState
        heading="h1"
        title="This workspace is suspended"
        action={
          <Link className="font-medium text-indigo-700 underline" to="/account">
            Go to your account
          </Link>
        }
      >
        <p>
          The platform administrator has suspended this workspace: its agents, widget and API are switched off until it
          is reinstated. Contact them for details, or switch to another workspace.
        </p>
      </EmptyState>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState
        heading="h1"
        title="Workspace not found"
        action={
          <Link className="font-medium text-indigo-700 underline" to="/">
            Go to your workspaces
          </Link>
        }
      >
        <p>It does not exist, was deleted, or you are not a member of it.</p>
      </EmptyState>
    );
  }
  return (
    <div className="max-w-lg space-y-4">
      <h1 className="text-xl font-semibold">This workspace could not be opened</h1>
      <ErrorAlert error={error} />
      <Button onClick={retry}>Try again</Button>
    </div>
  );
}
