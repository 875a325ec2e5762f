import { createContext, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

export type Role = 'owner' | 'admin' | 'manager' | 'agent' | 'viewer';

export interface WorkspaceMembership {
  id: string;
  name: string;
  slug: string;
  status: string;
  role: Role;
}

export interface Me {
  user: {
    id: string;
    email: string;
    name: string;
    emailVerified: boolean;
    twoFactorEnabled: boolean;
    superAdmin: boolean;
  };
  impersonation: { impersonatorId: string; expiresAt: string } | null;
  workspaces: WorkspaceMembership[];
}

export interface AuthConfig {
  providers: string[];
  setupNeeded: boolean;
  minPasswordLength: number;
}

export const meKey = ['me'] as const;

/** The signed-in person, or `null` when signed out (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      // /me answers `user: null` when signed out (not a 401), so one request settles it.
      const me = await api<Omit<Me, 'user'> & { user: Me['user'] | null }>('/api/v1/me');
      return me.user ? (me as Me) : null;
    },
    staleTime: 30_000,
  });
}

export function useAuthConfig() {
  return useQuery({
    queryKey: ['auth-config'],
    queryFn: () => api<AuthConfig>('/api/v1/auth-config'),
    staleTime: 60_000,
  });
}

/** Workspaces that can be opened (a deleted one lingers in /me while its data is removed). */
export function openWorkspaces(me: Me): WorkspaceMembership[] {
  return me.workspaces.filter((w) => w.status !== 'deleting' && w.status !== 'deleted');
}

/** Drops a workspace from the cached /me at once, so `/` won't send you back into it. */
export function withoutWorkspace(me: Me | null | undefined, workspaceId: string): Me | null | undefined {
  return me ? { ...me, workspaces: me.workspaces.filter((w) => w.id !== workspaceId) } : me;
}

/** After sign-in, sign-out or impersonation everything cached belongs to someone else. */
export function useResetSession() {
  const queryClient = useQueryClient();
  return async () => {
    queryClient.removeQueries({
      predicate: (query) => query.queryKey[0] !== 'auth-config' && query.queryKey[0] !== meKey[0],
    });
    // Awaited, so the next page already sees the new person (not the cached "signed out").
    await queryClient.invalidateQueries({ queryKey: meKey, refetchType: 'all' });
  };
}

export const SessionContext = createContext<Me | null>(null);

/** The signed-in person, inside pages behind RequireSession. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() outside RequireSession');
  return me;
}
