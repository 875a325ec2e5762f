import { useQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

/** An API key as the server lists it (the contract's ApiKey; never its secret). */
export type ApiKey = Schema<'ApiKey'>;

export function useApiKeys() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('api-keys'),
    queryFn: async () => (await call(client.GET('/api/v1/api-keys'))).apiKeys,
  });
}

export const SCOPE_TEXT: Record<string, string> = {
  read: 'Read: see conversations, leads, agents, knowledge and members.',
  write: 'Write: also reply in conversations, update leads, edit agents and knowledge.',
};
