import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@switchboard/contract/client';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

// The server's shapes, from the API contract: a change there breaks this typecheck, not the page.
export type McpServer = Schema<'McpServer'>;
export type McpTool = Schema<'McpTool'>;

export const mcpServerPath = (id: string) => `/api/v1/mcp-servers/${encodeURIComponent(id)}`;

export function useMcpServers(enabled = true) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('mcp-servers'),
    queryFn: () => workspaceApi<{ mcpServers: McpServer[] }>('/api/v1/mcp-servers').then((r) => r.mcpServers),
    enabled,
  });
}

/** Every change answers with the server: the list is refreshed from the server's word. */
export function useMcpMutation<T>(run: (input: T) => Promise<unknown>) {
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key('mcp-servers') }),
  });
}
