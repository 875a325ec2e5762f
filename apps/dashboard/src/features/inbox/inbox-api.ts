import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { matchesFilters, type CannedResponse, type ConversationDetail, type Filters, type InboxItem, type InboxMember, type Message, type Note } from './inbox-types';

export interface InboxPage {
  conversations: InboxItem[];
  nextCursor: string | null;
}

export function listPath(filters: Filters, cursor?: string): string {
  const params = new URLSearchParams({ status: filters.status, assignee: filters.assignee, limit: '50' });
  if (filters.agentId) params.set('agentId', filters.agentId);
  if (filters.channel) params.set('channel', filters.channel);
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/inbox/conversations?${params}`;
}

export function useInboxList(filters: Filters) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('inbox', 'list', filters), queryFn: () => workspaceApi<InboxPage>(listPath(filters)) });
}

export function useConversationDetail(id: string | undefined) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('inbox', 'detail', id), queryFn: () => workspaceApi<ConversationDetail>(`/api/v1/inbox/conversations/${id}`), enabled: Boolean(id) });
}

export function useInboxMembers() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('inbox', 'members'), queryFn: () => workspaceApi<{ members: InboxMember[] }>('/api/v1/inbox/members').then((r) => r.members), staleTime: 30_000 });
}

export function useCannedResponses() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('inbox', 'canned'), queryFn: () => workspaceApi<{ cannedResponses: CannedResponse[] }>('/api/v1/inbox/canned-responses').then((r) => r.cannedResponses), staleTime: 60_000 });
}

export function useAgentsList() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents', 'names'), queryFn: () => workspaceApi<{ agents: Array<{ id: string; name: string }> }>('/api/v1/agents').then((r) => r.agents), staleTime: 60_000 });
}

/**
 * A row changed live: every cached list is patched — updated where it is, added at the top
 * where it now belongs, removed where it no longer does — so no list refetches per event.
 */
export function applyRowChange(queryClient: QueryClient, workspaceId: string, me: string, item: InboxItem): void {
  for (const [key, page] of queryClient.getQueriesData<InboxPage>({ queryKey: ['w', workspaceId, 'inbox', 'list'] })) {
    if (!page) continue;
    const filters = key[4] as Filters;
    const rest = page.conversations.filter((c) => c.id !== item.id);
    const conversations = matchesFilters(item, filters, me) ? [item, ...rest].sort((x, y) => (x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : 0)) : rest;
    queryClient.setQueryData<InboxPage>(key, { ...page, conversations });
  }
}

/** A message arrived on the open conversation's stream: add it to its detail (once). */
export function appendMessage(queryClient: QueryClient, workspaceId: string, message: Message): void {
  queryClient.setQueryData<ConversationDetail>(['w', workspaceId, 'inbox', 'detail', message.conversationId], (detail) => {
    if (!detail) return detail;
    const others = detail.messages.filter((m) => m.id !== message.id);
    return { ...detail, messages: [...others, message].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1)) };
  });
}

export function appendNote(queryClient: QueryClient, workspaceId: string, note: Note): void {
  queryClient.setQueryData<ConversationDetail>(['w', workspaceId, 'inbox', 'detail', note.conversationId], (detail) =>
    detail && !detail.notes.some((n) => n.id === note.id) ? { ...detail, notes: [...detail.notes, note] } : detail,
  );
}
