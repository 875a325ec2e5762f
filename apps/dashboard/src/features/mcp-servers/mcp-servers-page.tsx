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
import { formatDateTime } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { McpServerDialog } from './mcp-server-dialog';
import { mcpServerPath, useMcpMutation, useMcpServers, type McpServer } from './mcp-servers-api';

export function McpServersPage() {
  const servers = useMcpServers();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="MCP servers"
        description="Connect your own systems’ MCP servers (Streamable HTTP). Their tools can then be enabled per agent, in the agent’s settings, and the model calls them while it answers."
        actions={<Button onClick={() => setCreating(true)}>Connect server</Button>}
      />
      {servers.isPending ? (
        <Loading label="Loading MCP servers…" />
      ) : servers.isError ? (
        <ErrorAlert error={servers.error} />
      ) : servers.data.length === 0 ? (
        <EmptyState title="No MCP servers yet">
          <p>Connect a server by its address, with a bearer token if it needs one; its tools are listed at once.</p>
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {servers.data.map((server) => (
            <ServerCard key={server.id} server={server} />
          ))}
        </ul>
      )}
      <McpServerDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

function ServerCard({ server }: { server: McpServer }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = useMcpMutation(() => workspaceApi(`${mcpServerPath(server.id)}/refresh`, { method: 'POST' }));
  const agents = Object.keys(server.agentTools).length;
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{server.name}</p>
          <p className="break-all font-mono text-sm text-slate-600">{server.url}</p>
          <p className="mt-1 text-xs text-slate-500">
            {server.hasToken ? `Bearer token ${server.tokenHint ?? ''}` : 'No token'} ·{' '}
            {server.toolsRefreshedAt
              ? `tools listed ${formatDateTime(server.toolsRefreshedAt)}`
              : 'tools not listed yet'}{' '}
            · used by {agents === 1 ? '1 agent' : `${agents} agents`}
          </p>
          {server.lastError && <p className="mt-1 text-sm text-red-700">Last refresh failed: {server.lastError}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" variant="secondary" pending={refresh.isPending} onClick={() => refresh.mutate(undefined)}>
            Refresh tools
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            aria-label={`Delete MCP server ${server.name}`}
            onClick={() => setDeleting(true)}
          >
            Delete
          </Button>
        </div>
      </div>
      {refresh.isError && <ErrorAlert error={refresh.error} className="mt-3" />}
      {server.tools.length > 0 && (
        <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3" aria-label={`Tools of ${server.name}`}>
          {server.tools.map((tool) => (
            <li key={tool.name} className="text-sm">
              <Badge>{tool.name}</Badge> <span className="text-slate-600">{tool.description}</span>
            </li>
          ))}
        </ul>
      )}
      <McpServerDialog open={editing} onOpenChange={setEditing} server={server} />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${server.name}?`}
        description="Its tools leave every agent at once. This cannot be undone."
        confirmLabel="Delete server"
        onConfirm={() => workspaceApi(mcpServerPath(server.id), { method: 'DELETE' })}
        onDone={() => {
          notify('MCP server deleted.');
          void queryClient.invalidateQueries({ queryKey: key('mcp-servers') });
        }}
      />
    </li>
  );
}
