import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LEAD_STATUSES, type LeadStatus } from '@switchboard/contract/enums';
import { ApiError } from '../../lib/api';
import { call, useClient, type paths, type Schema } from '../../lib/client';
import { useWorkspace, useWorkspaceKey } from '../../lib/workspace';

// Leads and their notes are the server's shapes, from the API contract.
export { LEAD_STATUSES, type LeadStatus };
export type Lead = Schema<'Lead'>;
export type LeadNote = Schema<'LeadNote'>;
export type LeadDetail = Schema<'LeadDetail'>;
export type LeadPatch = NonNullable<paths['/api/v1/leads/{id}']['patch']['requestBody']>['content']['application/json'];

export interface LeadFilters {
  q?: string;
  status?: string;
  agentId?: string;
  source?: string;
  /** yyyy-mm-dd, local days. */
  from?: string;
  to?: string;
}

export const FILTER_NAMES = ['q', 'status', 'agentId', 'source', 'from', 'to'] as const;
const PAGE = 25;

/** The query string the list and the export share. */
export function filterQuery(filters: LeadFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['q', 'status', 'agentId', 'source'] as const) {
    const value = filters[name]?.trim();
    if (value) query.set(name, value);
  }
  // Whole local days: from the start of `from` to the end of `to`.
  if (filters.from) query.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) query.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  return query;
}

export function useLeads(filters: LeadFilters) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useInfiniteQuery({
    queryKey: key('leads', 'list', filters),
    queryFn: ({ pageParam }) => {
      const query = {
        ...Object.fromEntries(filterQuery(filters)),
        limit: PAGE,
        ...(pageParam && { cursor: pageParam }),
      };
      return call(client.GET('/api/v1/leads', { params: { query } }));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The rows stay while a new search loads, instead of the table blinking away per keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string | null) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('leads', 'detail', id),
    queryFn: async () => (await call(client.GET('/api/v1/leads/{id}', { params: { path: { id: id! } } }))).lead,
    enabled: Boolean(id),
  });
}

/** Agent names for the filter and the detail (agent ids otherwise). */
export function useAgentNames() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', 'names'),
    queryFn: async () => (await call(client.GET('/api/v1/agents'))).agents.map(({ id, name }) => ({ id, name })),
  });
}

/** Mutations of one lead; each refreshes the list and the detail. */
export function useLeadMutations(id: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key('leads') });
  const params = { path: { id } };
  return {
    update: useMutation({
      mutationFn: (patch: LeadPatch) => call(client.PATCH('/api/v1/leads/{id}', { params, body: patch })),
      onSuccess: refresh,
    }),
    addNote: useMutation({
      mutationFn: (text: string) => call(client.POST('/api/v1/leads/{id}/notes', { params, body: { text } })),
      onSuccess: refresh,
    }),
    // The list only: refetching the open detail would show a 404 before the panel closes.
    remove: () =>
      call(client.DELETE('/api/v1/leads/{id}', { params })).then(() =>
        queryClient.invalidateQueries({ queryKey: key('leads', 'list') }),
      ),
  };
}

/**
 * Downloads the CSV of the leads matching the filters. A fetch rather than a link: the
 * workspace travels in a header, which a plain link cannot send.
 */
export function useExportLeads() {
  const { workspace } = useWorkspace();
  return useMutation({
    mutationFn: async (filters: LeadFilters) => {
      const response = await fetch(`/api/v1/leads/export?${filterQuery(filters)}`, {
        headers: { 'X-Workspace-Id': workspace.id },
        credentials: 'same-origin',
      });
      if (!response.ok) {
        const envelope = (await response.json().catch(() => null)) as {
          error?: { code: string; message: string; requestId: string };
        } | null;
        throw new ApiError(
          response.status,
          envelope?.error?.code ?? 'http_error',
          envelope?.error?.message ?? `The server answered ${response.status}.`,
          envelope?.error?.requestId,
        );
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'leads.csv';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return filename;
    },
  });
}
