import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import type { AgentSummary } from './channels-api';
import { ConnectChannelDialog } from './connect-channel-dialog';
import { channelPath, PLATFORMS, useChannelConnections, type ChannelConnection } from './messaging-api';

/** Channels → Messaging: Telegram bots, WhatsApp numbers, Slack apps, Facebook Pages and Instagram accounts, each answered by one agent. */
export function MessagingChannels({ agents }: { agents: AgentSummary[] }) {
  const connections = useChannelConnections();
  const [connecting, setConnecting] = useState(false);
  return (
    <section aria-labelledby="messaging-heading" className="mb-10">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id="messaging-heading" className="text-lg font-semibold text-slate-900">
          Messaging
        </h2>
        <Button onClick={() => setConnecting(true)} disabled={agents.length === 0}>
          Connect a channel
        </Button>
      </div>
      {connections.isPending ? (
        <Loading label="Loading channels…" />
      ) : connections.isError ? (
        <ErrorAlert error={connections.error} />
      ) : connections.data.length === 0 ? (
        <EmptyState title="No messaging channel yet">
          <p>
            Connect a Telegram bot, a WhatsApp number, a Slack app, a Facebook Page (Messenger) or an Instagram account:
            customers write there, your agent answers, and every conversation shows in the inbox.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {connections.data.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} agents={agents} />
          ))}
        </ul>
      )}
      <ConnectChannelDialog open={connecting} onOpenChange={setConnecting} agents={agents} />
    </section>
  );
}

function ConnectionCard({ connection, agents }: { connection: ChannelConnection; agents: AgentSummary[] }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key('channel-connections') });
  const test = useMutation({
    mutationFn: () =>
      workspaceApi<{ ok: boolean; detail: string }>(`${channelPath(connection.id)}/test`, { method: 'POST' }),
    onSuccess: (result) => {
      notify(result.detail);
      return refresh();
    },
  });
  const agent = agents.find((a) => a.id === connection.agentId);
  const platform = PLATFORMS[connection.type];
  const when = (at: string | null) => (at ? formatDateTime(at) : 'never');

  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {connection.name} <Badge>{platform.label}</Badge>
          </p>
          <p className="text-sm text-slate-600">Answered by {agent?.name ?? 'an archived agent'}</p>
          <p className="mt-1 text-xs text-slate-500">
            {Object.entries(connection.credentials)
              .map(([name, value]) => `${name}: ${value}`)
              .join(' · ')}
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600">
            <dt>Last message in</dt>
            <dd>{when(connection.lastInboundAt)}</dd>
            <dt>Last reply out</dt>
            <dd>{when(connection.lastOutboundAt)}</dd>
            {connection.lastError && (
              <>
                <dt className="text-red-700">Last error</dt>
                <dd className="text-red-700">
                  {connection.lastError} ({when(connection.lastErrorAt)})
                </dd>
              </>
            )}
          </dl>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" variant="secondary" pending={test.isPending} onClick={() => test.mutate()}>
            Test connection
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            aria-label={`Delete channel ${connection.name}`}
            onClick={() => setDeleting(true)}
          >
            Delete
          </Button>
        </div>
      </div>
      {platform.pasteWhere && (
        <div className="mt-3 space-y-2 border-t border-slate-100 pt-3 text-sm">
          <p className="text-slate-700">
            Paste {connection.verifyToken ? 'these' : 'this'} under {platform.pasteWhere}:
          </p>
          <p className="flex flex-wrap items-center gap-2">
            <code className="break-all text-xs">{connection.webhookUrl}</code>
            <CopyButton value={connection.webhookUrl} label="Copy URL" />
          </p>
          {connection.verifyToken && (
            <p className="flex flex-wrap items-center gap-2">
              <code className="text-xs">{connection.verifyToken}</code>
              <CopyButton value={connection.verifyToken} label="Copy verify token" />
            </p>
          )}
        </div>
      )}
      {test.isError && <ErrorAlert error={test.error} className="mt-3" />}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this channel?"
        description="Messages sent to it are no longer answered. Its conversations stay in the inbox. This cannot be undone."
        confirmLabel="Delete channel"
        onConfirm={() => workspaceApi(channelPath(connection.id), { method: 'DELETE' })}
        onDone={() => {
          notify('Channel deleted.');
          void refresh();
        }}
      />
    </li>
  );
}
