import { useQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

// Members and invitations are the server's shapes, from the API contract.
export type Member = Schema<'Member'>;
export type Invitation = Schema<'Invitation'>;

export function useMembers() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('members'),
    queryFn: async () => (await call(client.GET('/api/v1/members'))).members,
  });
}

export function useInvitations() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('invitations'),
    queryFn: async () => (await call(client.GET('/api/v1/invitations'))).invitations,
  });
}

/** Names for user ids (who invited, who created a key), from the member list. */
export function useMemberNames(): (userId: string | null) => string {
  const members = useMembers();
  return (userId) => {
    if (!userId) return '—';
    const member = members.data?.find((m) => m.userId === userId);
    return member ? member.name || member.email : 'A former member';
  };
}
