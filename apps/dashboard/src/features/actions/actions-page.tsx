import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { call, useClient } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';
import { ActionDialog } from './action-dialog';
import { useActions, type Action } from './actions-api';
import { TestActionPanel } from './test-action-panel';

export function ActionsPage() {
  const actions = useActions();
  const [editing, setEditing] = useState<Action | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Actions"
        description="Your own HTTP endpoints the agent can call as tools — look up an order, book a callback. Enable them per agent in its Behaviour settings."
        actions={<Button onClick={() => setEditing('new')}>Add action</Button>}
      />
      {actions.isPending ? (
        <Loading label="Loading actions…" />
      ) : actions.isError ? (
        <ErrorAlert error={actions.error} />
      ) : actions.data.length === 0 ? (
        <EmptyState title="No actions yet">
          <p>
            Add an endpoint of yours with a description and the input the model should give. Secret headers are stored
            encrypted; calls go through the same address checks as webhooks.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {actions.data.map((action) => (
            <ActionCard key={action.id} action={action} onEdit={() => setEditing(action)} />
          ))}
        </ul>
      )}
      <ActionDialog
        open={editing !== null}
        action={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

function ActionCard({ action, onEdit }: { action: Action; onEdit: () => void }) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [testing, setTesting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-mono text-sm font-semibold text-slate-900">{action.name}</p>
          <p className="text-sm text-slate-600">{action.description}</p>
          <p className="mt-1 break-all font-mono text-xs text-slate-500">
            {action.method} {action.url}
          </p>
          <div className="mt-1 flex flex-wrap gap-1">
            {action.requiresVerifiedVisitor && <Badge>Verified visitor</Badge>}
            {action.requiresConfirmation && <Badge>Confirmation</Badge>}
            {action.headers.some((h) => h.secret) && <Badge>Secret headers</Badge>}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {action.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
          <Button size="sm" variant="secondary" aria-expanded={testing} onClick={() => setTesting(!testing)}>
            {testing ? 'Hide test' : 'Test action'}
          </Button>
          <Button size="sm" variant="ghost" onClick={onEdit}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            aria-label={`Delete action ${action.name}`}
            onClick={() => setDeleting(true)}
          >
            Delete
          </Button>
        </div>
      </div>
      {testing && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <TestActionPanel action={action} />
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${action.name}?`}
        description="Agents stop offering it at once. This cannot be undone."
        confirmLabel="Delete action"
        onConfirm={() => call(client.DELETE('/api/v1/actions/{id}', { params: { path: { id: action.id } } }))}
        onDone={() => {
          notify('Action deleted.');
          void queryClient.invalidateQueries({ queryKey: key('actions') });
        }}
      />
    </li>
  );
}
