import { eq } from 'drizzle-orm';
import type { PlatformEvent } from '../../platform/events';
import type { RealtimeItem, RealtimeStreamOptions } from '../../platform/realtime';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { getConversation, listMessages } from './conversations';
import { messages } from './schema';
import { messageView } from './views';

/** Ephemeral event types a conversation stream passes through as they are (payload.conversationId names it). */
export const EPHEMERAL_CONVERSATION_EVENTS = new Set(['conversation.typing', 'conversation.presence']);

type StreamParts = Pick<RealtimeStreamOptions, 'replay' | 'select'>;

async function statusItem(ctx: ServiceContext, conversationId: string, cause: string | null): Promise<RealtimeItem> {
  const conversation = await getConversation(ctx, conversationId);
  return { event: 'status', data: { conversationId, status: conversation.status, cause } };
}

/**
 * One conversation, live, for whoever may read it (a member, an API key, its own visitor):
 * `status` first (and whenever the conversation changes), then `message` for each stored
 * message after `after` (its id is the SSE id to resume from), then live messages, status
 * changes and ephemeral typing/presence events. Access is checked when the stream opens
 * (the caller calls `getConversation` first) and on every read.
 */
export function conversationStream(ctx: ServiceContext, conversationId: string, options: { visibleRoles?: ReadonlySet<string> } = {}): StreamParts {
  const visible = (role: string) => !options.visibleRoles || options.visibleRoles.has(role);
  return {
    async replay(after) {
      const items: RealtimeItem[] = [await statusItem(ctx, conversationId, null)];
      for (const message of await listMessages(ctx, conversationId, { ...(after && { after }), limit: 500 })) {
        if (visible(message.role)) items.push({ event: 'message', id: message.id, data: messageView(message) });
      }
      return items;
    },
    async select(event: PlatformEvent) {
      if (event.payload.conversationId !== conversationId) return null;
      if (EPHEMERAL_CONVERSATION_EVENTS.has(event.type)) return { event: event.type.slice('conversation.'.length), data: event.payload };
      if (event.type === 'message.created' && typeof event.payload.messageId === 'string') {
        const id = event.payload.messageId;
        const [row] = await withTenant(ctx, (tx) => tx.db.select().from(messages).where(eq(messages.id, id)));
        if (!row || row.conversationId !== conversationId || !visible(row.role)) return null;
        return { event: 'message', id: row.id, data: messageView(row) };
      }
      if (event.type.startsWith('conversation.')) return statusItem(ctx, conversationId, event.type);
      return null;
    },
  };
}
