import { useQuery } from '@tanstack/react-query';
import { ACTION_METHODS } from '@switchboard/contract/actions';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

// The server's shapes, from the API contract: a change there breaks this typecheck, not the page.
export type Action = Schema<'Action'>;
export type ActionRun = Schema<'ActionRun'>;
export { ACTION_METHODS };

export function useActions(enabled = true) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('actions'),
    queryFn: async () => (await call(client.GET('/api/v1/actions'))).actions,
    enabled,
  });
}
