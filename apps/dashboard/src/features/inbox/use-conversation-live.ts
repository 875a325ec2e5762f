import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { openEventStream } from '../../lib/event-stream';
import { call, useClient } from '../../lib/client';
import { useWorkspace } from '../../lib/workspace';
import { appendMessage } from './inbox-api';
import type { ConversationEvent } from '@switchboard/contract/chat';

/**
 * The open conversation, live: its messages as they are stored (resuming by Last-Event-ID
 * after a drop), status changes (the detail refetches for the new owner and record), the
 * visitor typing and their presence. Messages you can see are marked read.
 */
export function useConversationLive(conversationId: string) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const queryClient = useQueryClient();
  const [visitorTyping, setVisitorTyping] = useState(false);
  const [visitorOnline, setVisitorOnline] = useState<boolean | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);

  // What was known of the last conversation's visitor is not this one's.
  const [watching, setWatching] = useState(conversationId);
  if (watching !== conversationId) {
    setWatching(conversationId);
    setVisitorTyping(false);
    setVisitorOnline(null);
  }

  useEffect(() => {
    const markRead = () => {
      if (document.visibilityState === 'visible')
        void call(
          client.POST('/api/v1/inbox/conversations/{id}/read', { params: { path: { id: conversationId } }, body: {} }),
        ).catch(() => undefined);
    };
    markRead();
    let first = true;
    const close = openEventStream<ConversationEvent>(`/api/v1/conversations/${conversationId}/events`, {
      workspaceId: workspace.id,
      onEvent: (message) => {
        if (message.event === 'message') {
          appendMessage(queryClient, workspace.id, message.data);
          if (message.data.role === 'user') {
            setVisitorTyping(false);
            markRead();
          }
        } else if (message.event === 'status') {
          // The first status is the state at connection: refresh in case it changed while away.
          if (!first || message.data.cause)
            void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'detail', conversationId] });
          first = false;
        } else if (message.event === 'typing' && message.data.from === 'visitor') {
          const { typing } = message.data;
          setVisitorTyping(typing);
          window.clearTimeout(typingTimer.current);
          if (typing) typingTimer.current = window.setTimeout(() => setVisitorTyping(false), 6000);
        } else if (message.event === 'presence') {
          setVisitorOnline(message.data.online);
        }
      },
    });
    const onVisible = () => document.visibilityState === 'visible' && markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      close();
      document.removeEventListener('visibilitychange', onVisible);
      window.clearTimeout(typingTimer.current);
    };
  }, [conversationId, workspace.id, client, queryClient]);

  return { visitorTyping, visitorOnline };
}
