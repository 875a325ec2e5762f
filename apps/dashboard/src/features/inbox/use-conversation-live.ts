import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { openEventStream } from '../../lib/event-stream';
import { useWorkspace, useWorkspaceApi } from '../../lib/workspace';
import { appendMessage } from './inbox-api';
import type { Message } from './inbox-types';

/**
 * The open conversation, live: its messages as they are stored (resuming by Last-Event-ID
 * after a drop), status changes (the detail refetches for the new owner and record), the
 * visitor typing and their presence. Messages you can see are marked read.
 */
export function useConversationLive(conversationId: string) {
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
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
      if (document.visibilityState === 'visible') void workspaceApi(`/api/v1/inbox/conversations/${conversationId}/read`, { method: 'POST', json: {} }).catch(() => undefined);
    };
    markRead();
    let first = true;
    const close = openEventStream(`/api/v1/conversations/${conversationId}/events`, {
      workspaceId: workspace.id,
      onEvent: ({ event, data }) => {
        const d = data as Record<string, any>;
        if (event === 'message') {
          const message = d as Message;
          appendMessage(queryClient, workspace.id, message);
          if (message.role === 'user') {
            setVisitorTyping(false);
            markRead();
          }
        } else if (event === 'status') {
          // The first status is the state at connection: refresh in case it changed while away.
          if (!first || d.cause) void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'detail', conversationId] });
          first = false;
        } else if (event === 'typing' && d.from === 'visitor') {
          setVisitorTyping(Boolean(d.typing));
          window.clearTimeout(typingTimer.current);
          if (d.typing) typingTimer.current = window.setTimeout(() => setVisitorTyping(false), 6000);
        } else if (event === 'presence' && d.from === 'visitor') {
          setVisitorOnline(Boolean(d.online));
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
  }, [conversationId, workspace.id, workspaceApi, queryClient]);

  return { visitorTyping, visitorOnline };
}
