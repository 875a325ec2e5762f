import { eq } from 'drizzle-orm';
import type { PlatformEvent } from '../../platform/events';
import { realtimeHub, type RealtimeItem, type RealtimeStreamOptions } from '../../platform/realtime';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertConversationAccess, listMessages } from './conversations';
import { peopleByIds } from './people';
import { conversations, messages, type ConversationRow, type MessageRow } from './schema';
import { sharedRead } from './shared-read';
import { messageView } from './views';

/** Ephemeral event types a conversation stream passes through as they are (payload.conversationId names it). */
export const EPHEMERAL_CONVERSATION_EVENTS = new Set(['conversation.typing', 'conversation.presence']);

type StreamParts = Pick<RealtimeStreamOptions, 'replay' | 'select' | 'onClose'>;

/** Items built once per event and shared by every stream that sends them (their frames are encoded once too). */
const passedThrough = new WeakMap<PlatformEvent, RealtimeItem>();

const readConversation = (ctx: ServiceContext, id: string) =>
  withTenant(ctx, async (tx) => (await tx.db.select().from(conversations).where(eq(conversations.id, id)))[0] ?? null);

/** Whether the visitor's chat is open, stored: a reply to a visitor whose chat is closed is mailed to them (inbox visitor-mail). */
export async function recordVisitorPresence(
  ctx: ServiceContext,
  conversationId: string,
  online: boolean,
): Promise<void> {
  await withTenant(ctx, (tx) =>
    tx.db
      .update(conversations)
      .set({ visitorConnected: online, visitorSeenAt: new Date() })
      .where(eq(conversations.id, conversationId)),
  );
}

/**
 * The `status` item: the status, what changed it, who from the team owns it (name and
 * picture, for the widget's "Ana joined"), and whether the visitor should leave contact
 * details (handed off outside business hours, nobody has them yet).
 */
export async function statusOf(conversation: ConversationRow, cause: string | null) {
  const assignee =
    conversation.status === 'human' && conversation.assigneeId
      ? (await peopleByIds([conversation.assigneeId])).get(conversation.assigneeId)
      : undefined;
  return {
    conversationId: conversation.id,
    status: conversation.status,
    cause,
    assignee: assignee ? { name: assignee.name || 'A team member', avatarUrl: assignee.image } : null,
    askContact: conversation.askContact && conversation.status === 'pending_human',
  };
}

/**
 * One conversation, live, for whoever may read it (a member, an API key, its own visitor):
 * `status` first (and whenever the conversation changes), then `message` for each stored
 * message after `after` (its id is the SSE id to resume from), then live messages, status
 * changes and ephemeral typing/presence events. Access is checked when the stream opens
 * (the caller calls `getConversation` first) and on every read. Rows an event names are read
 * once per process however many streams show them. A visitor's own stream announces them
 * online while it is open, and records it on the conversation.
 */
export function conversationStream(
  ctx: ServiceContext,
  conversationId: string,
  options: { visibleRoles?: ReadonlySet<string> } = {},
): StreamParts {
  const visible = (role: string) => !options.visibleRoles || options.visibleRoles.has(role);
  const visitor = ctx.actor.type === 'visitor';
  // Presence is a courtesy, sent without waiting: a lost one (bus hiccup, stopping server) costs nothing.
  const presence = (online: boolean) =>
    Promise.all([
      realtimeHub().publishEphemeral(ctx.tenantId, 'conversation.presence', {
        conversationId,
        from: 'visitor',
        online,
      }),
      recordVisitorPresence(ctx, conversationId, online),
    ]).catch(() => undefined);
  const checked = <T>(found: { row: ConversationRow; item: T } | null): T => {
    if (!found) throw new Error(`conversation ${conversationId} is gone`);
    assertConversationAccess(ctx, found.row, false);
    return found.item;
  };
  const statusFor = async (row: ConversationRow | null, cause: string | null) =>
    row ? { row, item: { event: 'status', data: await statusOf(row, cause) } } : null;
  // Where a resumed client left off: a message event published late (the outbox drains
  // after commits, in batches) for a message at or before it is one the client already has.
  let resumedFrom: { createdAt: Date; id: string } | null = null;
  const alreadySeen = (row: MessageRow) =>
    resumedFrom !== null &&
    (row.createdAt < resumedFrom.createdAt ||
      (row.createdAt.getTime() === resumedFrom.createdAt.getTime() && row.id <= resumedFrom.id));
  return {
    async replay(after) {
      const items: RealtimeItem[] = [checked(await statusFor(await readConversation(ctx, conversationId), null))];
      if (after) {
        const anchor = (
          await withTenant(ctx, (tx) =>
            tx.db
              .select({ createdAt: messages.createdAt, id: messages.id })
              .from(messages)
              .where(eq(messages.id, after)),
          )
        )[0];
        resumedFrom = anchor ?? null;
      }
      for (const message of await listMessages(ctx, conversationId, { ...(after && { after }), limit: 500 })) {
        // An answer still being written is sent when it is finished (its message.created): sent
        // now, its id would count as delivered and the finished text would never follow.
        if (message.status === 'streaming') continue;
        if (visible(message.role)) items.push({ event: 'message', id: message.id, data: messageView(message) });
      }
      if (visitor) void presence(true);
      return items;
    },
    async select(event: PlatformEvent) {
      if (event.payload.conversationId !== conversationId) return null;
      if (EPHEMERAL_CONVERSATION_EVENTS.has(event.type)) {
        let item = passedThrough.get(event);
        if (!item)
          passedThrough.set(event, (item = { event: event.type.slice('conversation.'.length), data: event.payload }));
        return item;
      }
      if (event.type === 'message.created' && typeof event.payload.messageId === 'string') {
        const id = event.payload.messageId;
        const found = await sharedRead(`${event.id}:message`, async () => {
          const row = (await withTenant(ctx, (tx) => tx.db.select().from(messages).where(eq(messages.id, id))))[0];
          return row ? { row, item: { event: 'message', id: row.id, data: messageView(row) } } : null;
        });
        if (!found || found.row.conversationId !== conversationId || !visible(found.row.role) || alreadySeen(found.row))
          return null;
        return found.item;
      }
      if (event.type.startsWith('conversation.'))
        return checked(
          await sharedRead(`${event.id}:status`, async () =>
            statusFor(await readConversation(ctx, conversationId), event.type),
          ),
        );
      return null;
    },
    ...(visitor && { onClose: () => void presence(false) }),
  };
}
