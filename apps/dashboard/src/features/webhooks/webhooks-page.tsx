import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog, DialogActions } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { CreateWebhookDialog } from './create-webhook-dialog';
import { DeliveriesPanel } from './deliveries-panel';
import { WebhookSecret } from './webhook-secret';
import { DISABLED_TEXT, useWebhooks, webhookPath, type Webhook } from './webhooks-api';

export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Send what happens here — conversations, messages, hand-offs, leads, ratings — to your own systems as signed
            POSTs (Standard Webhooks). The{' '}
            <a className="font-medium text-indigo-700 underline" href="/api/docs">
              API reference
            </a>{' '}
            has the JSON Schema of every event.
          </>
        }
        actions={<Button onClick={() => setCreating(true)}>Add endpoint</Button>}
      />
      {webhooks.isPending ? (
        <Loading label="Loading webhooks…" />
      ) : webhooks.isError ? (
        <ErrorAlert error={webhooks.error} />
      ) : webhooks.data.length === 0 ? (
        <EmptyState title="No endpoints yet">
          <p>
            Add the address of a receiver of yours. Each delivery is signed with a secret shown once, retried for about
            a day and a half, and kept in a log for 30 days.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {webhooks.data.map((webhook) => (
            <WebhookCard key={webhook.id} webhook={webhook} />
          ))}
        </ul>
      )}
      <CreateWebhookDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

function WebhookCard({ webhook }: { webhook: Webhook }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  // Exact: the open deliveries log has its own key under it, and refreshes itself.
  const refresh = () => queryClient.invalidateQueries({ queryKey: key('webhooks'), exact: true });
  const toggle = useMutation({
    mutationFn: () => workspaceApi(webhookPath(webhook.id), { method: 'PATCH', json: { enabled: !webhook.enabled } }),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: () => workspaceApi(`${webhookPath(webhook.id)}/test`, { method: 'POST' }),
    onSuccess: () => {
      notify('Test event queued: see the deliveries.');
      setOpen(true);
      return queryClient.invalidateQueries({ queryKey: key('webhooks', webhook.id, 'deliveries') });
    },
  });

  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="break-all font-mono text-sm text-slate-900">{webhook.url}</p>
          {webhook.description && <p className="text-sm text-slate-600">{webhook.description}</p>}
          <p className="mt-1 text-xs text-slate-500">
            {webhook.events.includes('*') ? 'All events' : webhook.events.join(', ')} · added{' '}
            {formatDateTime(webhook.createdAt)}
          </p>
          {!webhook.enabled && webhook.disabledReason && (
            <p className="mt-1 text-sm text-red-700">
              {DISABLED_TEXT[webhook.disabledReason] ?? 'Turned off by the server.'}
            </p>
          )}
          {webhook.enabled && webhook.failingSince && (
            <p className="mt-1 text-sm text-amber-800">Failing since {formatDateTime(webhook.failingSince)}.</p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {webhook.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
          <Button size="sm" variant="secondary" pending={toggle.isPending} onClick={() => toggle.mutate()}>
            {webhook.enabled ? 'Turn off' : 'Turn on'}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            pending={test.isPending}
            disabled={!webhook.enabled}
            onClick={() => test.mutate()}
          >
            Send test event
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRotating(true)}>
            Rotate secret
          </Button>
          <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            aria-label={`Delete endpoint ${webhook.url}`}
            onClick={() => setDeleting(true)}
          >
            Delete
          </Button>
        </div>
      </div>
      {(toggle.isError || test.isError) && <ErrorAlert error={toggle.error ?? test.error} className="mt-3" />}
      {open && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <DeliveriesPanel webhookId={webhook.id} />
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this endpoint?"
        description="Events stop going to it at once, and its delivery log is deleted. This cannot be undone."
        confirmLabel="Delete endpoint"
        onConfirm={() => {
          // The log closes first: its next refresh would ask for an endpoint that is gone.
          setOpen(false);
          return workspaceApi(webhookPath(webhook.id), { method: 'DELETE' });
        }}
        onDone={() => {
          queryClient.removeQueries({ queryKey: key('webhooks', webhook.id) });
          notify('Endpoint deleted.');
          void refresh();
        }}
      />
      <ConfirmDialog
        open={rotating}
        onOpenChange={setRotating}
        destructive={false}
        title="Rotate the signing secret?"
        description="You get a new secret. For 24 hours deliveries carry signatures from both, so your receiver can switch over without missing one."
        confirmLabel="Rotate secret"
        onConfirm={async () =>
          setSecret(
            (await workspaceApi<{ secret: string }>(`${webhookPath(webhook.id)}/rotate-secret`, { method: 'POST' }))
              .secret,
          )
        }
        onDone={() => void refresh()}
      />
      <Dialog
        open={secret !== null}
        onOpenChange={(next) => !next && setSecret(null)}
        title="New signing secret"
        size="lg"
      >
        <WebhookSecret secret={secret ?? ''} />
        <DialogActions>
          <Button onClick={() => setSecret(null)}>I’ve saved the secret</Button>
        </DialogActions>
      </Dialog>
    </li>
  );
}
