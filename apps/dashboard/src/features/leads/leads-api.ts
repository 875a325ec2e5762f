import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { useWorkspace, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface Lead {
  id: string;
  conversationId: string | null;
  agentId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  fields: Record<string, string>;
  consent: boolean;
  consentText: string | null;
  consentAt: string | null;
  source: string;
  status: LeadStatus;
  createdAt: string;
  updatedAt: string;
}

export interface LeadNote {
  id: string;
  text: string;
  author: { type: string; id: string | null; label: string };
  createdAt: string;
}

export interface LeadDetail extends Lead {
  notes: LeadNote[];
}

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
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useInfiniteQuery({
    queryKey: key('leads', 'list', filters),
    queryFn: ({ pageParam }) => {
      const query = filterQuery(filters);
      query.set('limit', String(PAGE));
      if (pageParam) query.set('cursor', pageParam);
      return workspaceApi<{ leads: Lead[]; nextCursor: string | null; total: number }>(`/api/v1/leads?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The rows stay while a new search loads, instead of the table blinking away per keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string | null) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('leads', 'detail', id),
    queryFn: () => workspaceApi<{ lead: LeadDetail }>(`/api/v1/leads/${encodeURIComponent(id!)}`).then((r) => r.lead),
    enabled: Boolean(id),
  });
}

/** Agent names for the filter and the detail (agent ids otherwise). */
export function useAgentNames() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', 'names'),
    queryFn: () => workspaceApi<{ agents: Array<{ id: string; name: string }> }>('/api/v1/agents').then((r) => r.agents.map(({ id, name }) => ({ id, name }))),
  });
}

/** Mutations of one lead; each refreshes the list and the detail. */
export function useLeadMutations(id: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key('leads') });
  const path = `/api/v1/leads/${encodeURIComponent(id)}`;
  return {
    update: useMutation({
      mutationFn: (patch: Partial<Pick<Lead, 'status' | 'name' | 'email' | 'phone'>>) => workspaceApi<{ lead: Lead }>(path, { method: 'PATCH', json: patch }),
      onSuccess: refresh,
    }),
    addNote: useMutation({
      mutationFn: (text: string) => workspaceApi<{ note: LeadNote }>(`${path}/notes`, { method: 'POST', json: { text } }),
      onSuccess: refresh,
    }),
    // The list only: refetching the open detail would show a 404 before the panel closes.
    remove: () => workspaceApi<{ ok: true }>(path, { method: 'DELETE' }).then(() => queryClient.invalidateQueries({ queryKey: key('leads', 'list') })),
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
      const response = await fetch(`/api/v1/leads/export?${filterQuery(filters)}`, { headers: { 'X-Workspace-Id': workspace.id }, credentials: 'same-origin' });
      if (!response.ok) {
        const envelope = (await response.json().catch(() => null)) as { error?: { code: string; message: string; requestId: string } } | null;
        throw new ApiError(response.status, envelope?.error?.code ?? 'http_error', envelope?.error?.message ?? `The server answered ${response.status}.`, envelope?.error?.requestId);
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
