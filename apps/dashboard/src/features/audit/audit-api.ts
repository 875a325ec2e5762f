import { useInfiniteQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

/** One audit row as the server answers it (the contract's AuditEntry). */
export type AuditEntry = Schema<'AuditEntry'>;

export interface AuditFilters {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** yyyy-mm-dd, local days. */
  from?: string;
  to?: string;
}

const PAGE = 50;

function toQuery(filters: AuditFilters, cursor: string | null): Record<string, string> {
  const query = new URLSearchParams({ limit: String(PAGE) });
  for (const name of ['action', 'actorId', 'targetType', 'targetId'] as const) {
    const value = filters[name]?.trim();
    if (value) query.set(name, value);
  }
  // Whole local days: from the start of `from` to the end of `to`.
  if (filters.from) query.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) query.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  if (cursor) query.set('cursor', cursor);
  return Object.fromEntries(query);
}

export function useAuditLog(filters: AuditFilters) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useInfiniteQuery({
    queryKey: key('audit', filters),
    queryFn: ({ pageParam }) =>
      call(client.GET('/api/v1/audit-log', { params: { query: toQuery(filters, pageParam) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const KNOWN_ACTIONS = [
  'workspace.',
  'member.',
  'invitation.',
  'api_key.',
  'impersonation.',
  'workspace.created',
  'workspace.renamed',
  'workspace.suspended',
  'workspace.reinstated',
  'workspace.deleted',
  'workspace.ownership_transferred',
  'member.role_changed',
  'member.removed',
  'member.left',
  'invitation.created',
  'invitation.resent',
  'invitation.revoked',
  'invitation.accepted',
  'invitation.declined',
  'api_key.created',
  'api_key.revoked',
  'impersonation.started',
];

export const TARGET_TYPES: Record<string, string> = {
  workspace: 'Workspace',
  member: 'Member',
  invitation: 'Invitation',
  api_key: 'API key',
  user: 'User',
};
