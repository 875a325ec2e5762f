import { useMemo } from 'react';
import { ApiError, createClient, unwrap, type SwitchboardClient } from '@switchboard/contract/client';
import { useWorkspace } from './workspace';

// The dashboard's data layer: the contract's typed client (paths, parameters, bodies and
// answers checked against the OpenAPI document), so a change to a response schema breaks the
// typecheck here instead of a page at run time.
export type { paths, Schema, SwitchboardClient } from '@switchboard/contract/client';

/** Calls that belong to no workspace: the session, the account, the platform's admin. */
export const client: SwitchboardClient = createClient();

/** The typed client for this workspace's calls (it sends X-Workspace-Id). */
export function useClient(): SwitchboardClient {
  const { workspace } = useWorkspace();
  return useMemo(() => createClient({ workspaceId: workspace.id }), [workspace.id]);
}

/**
 * The call's data, or its failure thrown as an ApiError (the error envelope's code, message
 * and `details`); an unreachable server is `network_error`, which the pages word for people.
 */
export async function call<R extends { data?: unknown; error?: unknown; response: Response }>(
  pending: Promise<R>,
): Promise<Exclude<R['data'], undefined>> {
  try {
    return await unwrap(pending);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
      undefined,
    );
  }
}
