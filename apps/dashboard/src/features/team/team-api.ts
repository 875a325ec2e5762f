import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../lib/session';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: 'pending' | 'accepted' | 'declined' | 'revoked' | string;
  invitedBy: string | null;
  invitedByName?: string | null;
  expiresAt: string;
  expired: boolean;
  respondedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function useMembers() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('members'), queryFn: () => workspaceApi<{ members: Member[] }>('/api/v1/members').then((r) => r.members) });
}

export function useInvitations() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('invitations'), queryFn: () => workspaceApi<{ invitations: Invitation[] }>('/api/v1/invitations').then((r) => r.invitations) });
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
