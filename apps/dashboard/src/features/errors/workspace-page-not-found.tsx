import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { useTitle } from '../../lib/use-title';
import { useWorkspace } from '../../lib/workspace';

export function WorkspacePageNotFound() {
  const { workspace } = useWorkspace();
  useTitle('Page not found');
  return (
    <EmptyState
      heading="h1"
      title="Page not found"
      action={
        <Link className="font-medium text-indigo-700 underline" to={`/w/${workspace.id}`}>
          Back to the overview
        </Link>
      }
    >
      <p>There is nothing at this address in {workspace.name}.</p>
    </EmptyState>
  );
}
