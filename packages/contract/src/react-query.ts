import createQueryHooks from 'openapi-react-query';
import type { SwitchboardClient } from './client';

/**
 * TanStack Query hooks over a typed client (openapi-react-query): `useQuery('get', path,
 * init)`, `useMutation('post', path)`, `queryOptions(...)`. Query keys are
 * `[method, path, init]`: put what scopes the data (a workspace's `X-Workspace-Id` header,
 * path and query parameters) in `init` so that it is part of the key.
 */
export function createQueries(client: SwitchboardClient) {
  return createQueryHooks(client);
}

export type SwitchboardQueries = ReturnType<typeof createQueries>;
