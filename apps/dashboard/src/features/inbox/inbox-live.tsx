import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useToast } from '../../components/toast';
import { openEventStream } from '../../lib/event-stream';
import { useSession } from '../../lib/session';
import { useWorkspace } from '../../lib/workspace';
import { appendNote, applyRowChange } from './inbox-api';
import type { InboxEvent } from '@switchboard/contract/inbox';
import type { InboxItem, UnreadTotals } from './inbox-api';
import { showNotification } from './notifications';

export interface Typing {
  from: 'visitor' | 'human';
  name?: string;
  until: number;
}

export interface InboxLive {
  connected: boolean;
  unread: UnreadTotals;
  /** Members' presence by user id. */
  presence: Record<string, string>;
  /** Who is typing in which conversation (entries expire). */
  typing: Record<string, Typing>;
  /** Visitors' presence by conversation id (known once their widget said so). */
  visitorOnline: Record<string, boolean>;
}

const EMPTY: InboxLive = {
  connected: false,
  unread: { conversations: 0, messages: 0 },
  presence: {},
  typing: {},
  visitorOnline: {},
};
const InboxLiveContext = createContext<InboxLive>(EMPTY);

export const useInboxLive = () => useContext(InboxLiveContext);

const withoutKey = <T,>(record: Record<string, T>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

/**
 * The inbox stream for the whole inbox page: patches the cached lists as conversations
 * change, keeps unread totals, presence and typing, and notifies (toast, and the browser
 * when allowed) of new conversations waiting and of conversations assigned to you.
 */
export function InboxLiveProvider({ children }: { children: ReactNode }) {
  const { workspace } = useWorkspace();
  const me = useSession().user.id;
  const queryClient = useQueryClient();
  const notify = useToast();
  const navigate = useNavigate();
  const [live, setLive] = useState<InboxLive>(EMPTY);

  useEffect(() => {
    const open = (item: InboxItem) => void navigate(`/w/${workspace.id}/inbox/${item.id}`);
    const close = openEventStream<InboxEvent>('/api/v1/inbox/events', {
      workspaceId: workspace.id,
      onOpen: () => setLive((l) => ({ ...l, connected: true })),
      onDown: () => setLive((l) => ({ ...l, connected: false })),
      onEvent: (message) => {
        if (message.event === 'snapshot') {
          const { presence, unread } = message.data;
          setLive((l) => ({
            ...l,
            connected: true,
            unread,
            presence: Object.fromEntries(presence.map((p) => [p.userId, p.status])),
          }));
          // The snapshot is the truth after a (re)connect: lists refetch to match it.
          void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'list'] });
        } else if (message.event === 'conversation') {
          const { conversation: item, cause, unread } = message.data;
          applyRowChange(queryClient, workspace.id, me, item);
          // The visitor's message ends their "typing…"; a rating shows in the conversation's detail.
          const sent = cause === 'message.created' && item.lastMessage?.role === 'user';
          setLive((l) => ({ ...l, unread, typing: sent ? withoutKey(l.typing, item.id) : l.typing }));
          if (cause === 'csat.submitted')
            void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'detail', item.id] });
          if (cause !== 'message.created' && cause !== 'inbox.read')
            void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'members'] });
          const who = item.visitor.name ?? 'A visitor';
          if (cause === 'conversation.handoff_requested') {
            notify(`${who} is waiting for a person.`);
            showNotification(`${who} is waiting for a person`, item.title ?? item.handoffReason ?? '', () =>
              open(item),
            );
          } else if (cause === 'conversation.assigned' && item.assignee?.id === me) {
            notify(`A conversation with ${who} was assigned to you.`);
            showNotification('Assigned to you', item.title ?? who, () => open(item));
          }
        } else if (message.event === 'note') {
          appendNote(queryClient, workspace.id, message.data.note);
        } else if (message.event === 'typing') {
          const d = message.data;
          setLive((l) => ({
            ...l,
            typing: d.typing
              ? {
                  ...l.typing,
                  [d.conversationId]: {
                    from: d.from,
                    ...(d.name !== undefined && { name: d.name }),
                    until: Date.now() + 6000,
                  },
                }
              : withoutKey(l.typing, d.conversationId),
          }));
        } else if (message.event === 'visitor') {
          const d = message.data;
          setLive((l) => ({ ...l, visitorOnline: { ...l.visitorOnline, [d.conversationId]: d.online } }));
        } else if (message.event === 'presence') {
          const d = message.data;
          setLive((l) => ({ ...l, presence: { ...l.presence, [d.userId]: d.status } }));
        }
      },
    });
    return close;
  }, [workspace.id, me, queryClient, notify, navigate]);

  // "typing…" ends by itself when nobody said it stopped (a closed tab): redraw when the first entry expires.
  useEffect(() => {
    const next = Math.min(...Object.values(live.typing).map((t) => t.until));
    if (!Number.isFinite(next)) return;
    const timer = window.setTimeout(
      () =>
        setLive((l) => ({
          ...l,
          typing: Object.fromEntries(Object.entries(l.typing).filter(([, t]) => t.until > Date.now())),
        })),
      Math.max(0, next - Date.now()) + 50,
    );
    return () => window.clearTimeout(timer);
  }, [live.typing]);

  return <InboxLiveContext.Provider value={live}>{children}</InboxLiveContext.Provider>;
}
