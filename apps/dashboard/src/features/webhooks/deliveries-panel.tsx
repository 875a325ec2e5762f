import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { useDeliveries, webhookPath, type WebhookDelivery } from './webhooks-api';

const TONES: Record<WebhookDelivery['status'], BadgeTone> = {
  pending: 'amber',
  delivering: 'indigo',
  succeeded: 'green',
  failed: 'red',
};

/** One endpoint's delivery log, with resend per delivery and replay after an outage. */
export function DeliveriesPanel({ webhookId }: { webhookId: string }) {
  const deliveries = useDeliveries(webhookId);
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [since, setSince] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key('webhooks', webhookId, 'deliveries') });
  const resend = useMutation({
    mutationFn: (id: string) =>
      workspaceApi(`${webhookPath(webhookId)}/deliveries/${encodeURIComponent(id)}/resend`, { method: 'POST' }),
    onSuccess: () => {
      notify('Delivery queued again.');
      return refresh();
    },
  });
  const replay = useMutation({
    mutationFn: () =>
      workspaceApi<{ queued: number }>(`${webhookPath(webhookId)}/replay`, {
        method: 'POST',
        json: { since: new Date(since).toISOString() },
      }),
    onSuccess: (r) => {
      notify(r.queued ? `${r.queued} failed deliveries queued again.` : 'No failed deliveries since then.');
      return refresh();
    },
  });

  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          replay.mutate();
        }}
      >
        <TextField
          label="Replay failed deliveries since"
          type="datetime-local"
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
        <Button type="submit" variant="secondary" size="sm" pending={replay.isPending} disabled={!since}>
          Replay
        </Button>
      </form>
      {replay.isError && <ErrorAlert error={replay.error} />}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {deliveries.isPending ? (
        <Loading label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorAlert error={deliveries.error} />
      ) : deliveries.data.length === 0 ? (
        <p className="text-sm text-slate-600">
          No deliveries in the last 30 days. Send a test event to try the endpoint.
        </p>
      ) : (
        <Table label="Deliveries">
          <thead>
            <tr>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Answer</Th>
              <Th>Next retry</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {deliveries.data.map((d) => (
              <tr key={d.id}>
                <Td>
                  <code className="text-xs">{d.eventType}</code>
                  <div className="text-xs text-slate-500">{formatDateTime(d.createdAt)}</div>
                </Td>
                <Td>
                  <Badge tone={TONES[d.status]}>{d.status}</Badge>
                </Td>
                <Td>{d.attempts}</Td>
                <Td className="max-w-xs">
                  {d.responseStatus ?? '—'}
                  {d.durationMs !== null && <span className="text-xs text-slate-500"> · {d.durationMs} ms</span>}
                  {(d.error ?? d.responseExcerpt) && (
                    <div className="truncate text-xs text-slate-500">{d.error ?? d.responseExcerpt}</div>
                  )}
                </Td>
                <Td className="whitespace-nowrap">{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'}</Td>
                <Td className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Resend ${d.eventType} ${d.id}`}
                    onClick={() => resend.mutate(d.id)}
                  >
                    Resend
                  </Button>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
