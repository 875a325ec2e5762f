import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { InboxEvent } from '@switchboard/contract/inbox';
import { call, useClient, type paths, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';
import { matchesFilters, type Filters } from './inbox-filters';

// The inbox's shapes are the server's, from the API contract (packages/contract).
export type InboxItem = Schema<'InboxConversation'>;
export type ConversationDetail = Schema<'InboxConversationDetail'>;
export type Message = Schema<'Message'>;
export type Citation = Schema<'Citation'>;
export type Note = Schema<'InternalNote'>;
export type Transition = ConversationDetail['transitions'][number];
export type InboxMember = Schema<'InboxMember'>;
export type CannedResponse = Schema<'CannedResponse'>;
export type InboxPage = paths['/api/v1/inbox/conversations']['get']['responses'][200]['content']['application/json'];
export type UnreadTotals = Extract<InboxEvent, { event: 'snapshot' }>['data']['unread'];

export function useInboxList(filters: Filters) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('inbox', 'list', filters),
    queryFn: () =>
      call(
        client.GET('/api/v1/inbox/conversations', {
          params: {
            query: {
              status: filters.status,
              assignee: filters.assignee,
              limit: 50,
              ...(filters.agentId && { agentId: filters.agentId }),
              ...(filters.channel && { channel: filters.channel }),
            },
          },
        }),
      ),
  });
}

export function useConversationDetail(id: string | undefined) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('inbox', 'detail', id),
    queryFn: () => call(client.GET('/api/v1/inbox/conversations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useInboxMembers() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('inbox', 'members'),
    queryFn: async () => (await call(client.GET('/api/v1/inbox/members'))).members,
    staleTime: 30_000,
  });
}

export function useCannedResponses() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('inbox', 'canned'),
    queryFn: async () => (await call(client.GET('/api/v1/inbox/canned-responses'))).cannedResponses,
    staleTime: 60_000,
  });
}

export function useAgentsList() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', 'names'),
    queryFn: async () => (await call(client.GET('/api/v1/agents'))).agents.map(({ id, name }) => ({ id, name })),
    staleTime: 60_000,
  });
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
    const conversations = matchesFilters(item, filters, me)
      ? [item, ...rest].sort((x, y) => (x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : 0))
      : rest;
    queryClient.setQueryData<InboxPage>(key, { ...page, conversations });
  }
}

/** A message arrived on the open conversation's stream: add it to its detail (once). */
export function appendMessage(queryClient: QueryClient, workspaceId: string, message: Message): void {
  queryClient.setQueryData<ConversationDetail>(
    ['w', workspaceId, 'inbox', 'detail', message.conversationId],
    (detail) => {
      if (!detail) return detail;
      const others = detail.messages.filter((m) => m.id !== message.id);
      return {
        ...detail,
        messages: [...others, message].sort((a, b) =>
          a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
        ),
      };
    },
  );
}

export function appendNote(queryClient: QueryClient, workspaceId: string, note: Note): void {
  queryClient.setQueryData<ConversationDetail>(['w', workspaceId, 'inbox', 'detail', note.conversationId], (detail) =>
    detail && !detail.notes.some((n) => n.id === note.id) ? { ...detail, notes: [...detail.notes, note] } : detail,
  );
}
