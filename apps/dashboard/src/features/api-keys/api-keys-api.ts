import { useQuery } from '@tanstack/react-query';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export interface ApiKey {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  agentIds: string[] | null;
  createdBy: string | null;
  createdByName?: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function useApiKeys() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('api-keys'), queryFn: () => workspaceApi<{ apiKeys: ApiKey[] }>('/api/v1/api-keys').then((r) => r.apiKeys) });
}

export const SCOPE_TEXT: Record<string, string> = {
  read: 'Read: see conversations, leads, agents, knowledge and members.',
  write: 'Write: also reply in conversations, update leads, edit agents and knowledge.',
};
