import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state';
import { canAny, type Permission } from '../../lib/permissions';
import { useTitle } from '../../lib/use-title';
import { useWorkspace } from '../../lib/workspace';

/** A page this role can't use (reached by typing its address): say so instead of failing requests. */
export function RequirePermission({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const { workspace, permissions } = useWorkspace();
  if (canAny(permissions, anyOf)) return <>{children}</>;
  return <NoAccess workspaceId={workspace.id} />;
}

function NoAccess({ workspaceId }: { workspaceId: string }) {
  useTitle('No access');
  return (
    <EmptyState
      heading="h1"
      title="Your role doesn’t give access to this page"
      action={
        <Link className="font-medium text-indigo-700 underline" to={`/w/${workspaceId}`}>
          Back to the overview
        </Link>
      }
    >
      <p>Ask an owner or admin of this workspace if you need it.</p>
    </EmptyState>
  );
}
