import { eq } from 'drizzle-orm';
import type { PlatformEvent } from '../../platform/events';
import type { RealtimeItem, RealtimeStreamOptions } from '../../platform/realtime';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { sharedRead } from '../chat';
import { actingMember } from './common';
import { inboxItem, listInbox, unreadTotals } from './list';
import { noteView } from './notes';
import { inboxNotes } from './schema';
import { listInboxAgents } from './team';

const EPHEMERAL = new Map([
  ['conversation.typing', 'typing'],
  ['conversation.presence', 'visitor'],
  ['inbox.presence', 'presence'],
]);

/** Events that change what an inbox row (or the conversation's detail: a rating) shows. */
const changesRow = (event: PlatformEvent) =>
  event.type === 'message.created' ||
  event.type === 'inbox.read' ||
  event.type === 'csat.submitted' ||
  (event.type.startsWith('conversation.') && !EPHEMERAL.has(event.type));

/**
 * The tenant-wide inbox stream of one member. It has no ids to resume from: every connection
 * (a reconnect too) starts with a `snapshot` — the open conversations with this member's
 * unread counts, the totals and the team's presence — that replaces what the client held,
 * so nothing is lost while it was away. Then live: `conversation` (the row as it now is,
 * with `cause`, the event that changed it, and the member's new unread totals), `note`,
 * `typing`, `visitor` (a visitor's presence) and `presence` (members).
 */
export function inboxStream(ctx: ServiceContext): Pick<RealtimeStreamOptions, 'replay' | 'select'> {
  const me = actingMember(ctx);
  return {
    async replay() {
      const [open, unread, team] = await Promise.all([
        listInbox(ctx, { status: 'open', limit: 100 }),
        unreadTotals(ctx, me),
        listInboxAgents(ctx),
      ]);
      const presence = team.map((m) => ({ userId: m.userId, name: m.name, status: m.status }));
      return [
        {
          event: 'snapshot',
          data: { conversations: open.conversations, more: open.nextCursor !== null, unread, presence },
        },
      ];
    },
    async select(event: PlatformEvent): Promise<RealtimeItem | null> {
      const ephemeral = EPHEMERAL.get(event.type);
      if (ephemeral) return { event: ephemeral, data: event.payload };
      const conversationId = typeof event.payload.conversationId === 'string' ? event.payload.conversationId : null;
      if (!conversationId) return null;
      if (event.type === 'inbox.read' && event.payload.userId !== me) return null;
      if (event.type === 'inbox.note_created' && typeof event.payload.noteId === 'string') {
        const noteId = event.payload.noteId;
        const note = await sharedRead(`${event.id}:note`, () =>
          withTenant(
            ctx,
            async (tx) => (await tx.db.select().from(inboxNotes).where(eq(inboxNotes.id, noteId)))[0] ?? null,
          ),
        );
        return note ? { event: 'note', data: { conversationId, note: noteView(note) } } : null;
      }
      if (!changesRow(event)) return null;
      const item = await inboxItem(ctx, me, conversationId);
      if (!item) return null;
      return {
        event: 'conversation',
        data: { cause: event.type, conversation: item, unread: await unreadTotals(ctx, me) },
      };
    },
  };
}
