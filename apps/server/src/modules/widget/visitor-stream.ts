import type { PlatformEvent } from '../../platform/events';
import type { RealtimeItem, RealtimeStreamOptions } from '../../platform/realtime';
import type { ServiceContext } from '../../platform/tenancy';
import { conversationStream } from '../chat';

/** What a visitor may see of their conversation: their messages, the bot's and the team's. */
export const VISITOR_ROLES: ReadonlySet<string> = new Set(['user', 'assistant', 'human']);

interface MessageData {
  id: string;
  role: string;
  content: string;
  status: string;
  citations: Array<{ index: number; title: string; url: string | null; page: number | null; anchor: string | null; snippet: string }>;
  replyTo: string | null;
  createdAt: string | Date;
}

/** A message as the visitor sees it: no token counts, costs, models, tool calls or member ids. */
export function visitorMessage(data: MessageData) {
  return {
    id: data.id,
    role: data.role,
    content: data.content,
    status: data.status,
    citations: data.citations.map((c) => ({ index: c.index, title: c.title, url: c.url, page: c.page, anchor: c.anchor, snippet: c.snippet })),
    replyTo: data.replyTo,
    createdAt: data.createdAt,
  };
}

function forVisitor(item: RealtimeItem | null): RealtimeItem | null {
  if (!item) return null;
  if (item.event === 'message') return { ...item, data: visitorMessage(item.data as MessageData) };
  // The visitor's own typing and presence come back from the bus: only the team's are news.
  if ((item.event === 'typing' || item.event === 'presence') && (item.data as { from?: string }).from === 'visitor') return null;
  if (item.event === 'typing') {
    const { conversationId, typing, name } = item.data as { conversationId: string; typing: boolean; name?: string };
    return { event: 'typing', data: { conversationId, from: 'human', typing, ...(name ? { name } : {}) } };
  }
  if (item.event === 'status') {
    const { conversationId, status, cause, assignee, askContact } = item.data as { conversationId: string; status: string; cause: string | null; assignee?: { name?: string } | null; askContact?: boolean };
    // askContact: handed off outside business hours, no contact details yet; the widget asks for them.
    return { event: 'status', data: { conversationId, status, cause, assignee: assignee?.name ? { name: assignee.name } : null, askContact: Boolean(askContact) } };
  }
  return item;
}

/** The chat module's conversation stream, narrowed to what the visitor may see. */
export function visitorStream(ctx: ServiceContext, conversationId: string): Pick<RealtimeStreamOptions, 'replay' | 'select'> {
  const base = conversationStream(ctx, conversationId, { visibleRoles: VISITOR_ROLES });
  return {
    async replay(after) {
      return (await base.replay(after)).map(forVisitor).filter((item): item is RealtimeItem => item !== null);
    },
    async select(event: PlatformEvent) {
      return forVisitor(await base.select(event));
    },
  };
}
