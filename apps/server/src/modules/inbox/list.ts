import { and, desc, eq, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { inboxQuery, type InboxItemSchema } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { actorCan, assertCan } from '../access';
import { afterCursor, conversations, cursorColumn, peopleByIds, personView, type ConversationRow } from '../chat';
import { visitorIdentity } from '../escalation';
import { actingMember } from './common';
import { inboxReads } from './schema';

/** An inbox row as the API answers it (the contract's schema); `unread` counts this member's unread visitor messages. */
export type InboxItem = z.output<typeof InboxItemSchema>;

const lastMessage = sql<
  InboxItem['lastMessage']
>`(SELECT json_build_object('role', m.role, 'content', left(m.content, 200), 'createdAt', m.created_at)
  FROM messages m WHERE m.conversation_id = ${conversations.id} AND m.content <> '' ORDER BY m.created_at DESC, m.id DESC LIMIT 1)`;
const unread = sql<number>`(SELECT count(*)::int FROM messages m WHERE m.conversation_id = ${conversations.id} AND m.role = 'user'
  AND m.created_at > coalesce(${inboxReads.readAt}, '-infinity'::timestamptz))`;

/** The name and email of the conversation's latest lead (the widget's form, the chat's capture). */
export const leadContact = sql<{
  name: string | null;
  email: string | null;
} | null>`(SELECT json_build_object('name', l.name, 'email', l.email)
  FROM leads l WHERE l.conversation_id = ${conversations.id} ORDER BY l.created_at DESC LIMIT 1)`;

/** Playground conversations are an editor's tests: never in the inbox. */
export const notTest = ne(conversations.channel, 'playground');

/** Conversations with their inbox columns for one member (their read markers). */
function selectItems(tx: Tx, me: string) {
  return tx.db
    .select({ row: conversations, lastMessage, unread, cursor: cursorColumn, lead: leadContact })
    .from(conversations)
    .leftJoin(inboxReads, and(eq(inboxReads.conversationId, conversations.id), eq(inboxReads.userId, me)));
}

type Selected = {
  row: ConversationRow;
  lastMessage: InboxItem['lastMessage'];
  unread: number;
  cursor: string;
  lead: { name: string | null; email: string | null } | null;
};

async function toItems(ctx: ServiceContext, rows: Selected[]): Promise<InboxItem[]> {
  const people = await peopleByIds(rows.map((r) => r.row.assigneeId));
  const seesLeads = actorCan(ctx.actor, 'leads.read');
  return rows.map(({ row, lastMessage, unread, cursor, lead }) => {
    // Who they said they are (identify, metadata), else what their lead says.
    const said = visitorIdentity(row.metadata);
    const visitor = {
      name: said.name ?? (seesLeads ? lead?.name : null) ?? null,
      email: said.email ?? (seesLeads ? lead?.email : null) ?? null,
    };
    const assignee = row.assigneeId ? people.get(row.assigneeId) : undefined;
    return {
      id: row.id,
      agentId: row.agentId,
      channel: row.channel,
      status: row.status,
      title: row.title,
      assignee: assignee ? personView(assignee) : null,
      handoffReason: row.handoffReason,
      handoffAt: row.handoffAt,
      askContact: row.askContact,
      messageCount: row.messageCount,
      lastMessageAt: row.lastMessageAt,
      lastMessage,
      unread,
      visitor: { name: visitor.name, email: visitor.email },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      cursor,
    };
  });
}

function filters(q: z.infer<typeof inboxQuery>, me: string): SQL[] {
  const where: SQL[] = [notTest];
  if (q.status === 'open')
    where.push(or(eq(conversations.status, 'pending_human'), eq(conversations.status, 'human'))!);
  else if (q.status !== 'all') where.push(eq(conversations.status, q.status));
  if (q.assignee === 'me') where.push(and(eq(conversations.assigneeId, me), eq(conversations.status, 'human'))!);
  else if (q.assignee === 'unassigned')
    where.push(or(isNull(conversations.assigneeId), sql`${conversations.status} <> 'human'`)!);
  else if (q.assignee !== 'anyone')
    where.push(and(eq(conversations.assigneeId, q.assignee), eq(conversations.status, 'human'))!);
  if (q.agentId) where.push(eq(conversations.agentId, q.agentId));
  if (q.channel) where.push(eq(conversations.channel, q.channel));
  const after = afterCursor(q.cursor);
  if (after) where.push(after);
  return where;
}

/** The inbox list for the member asking: latest activity first, with their unread counts. */
export async function listInbox(
  ctx: ServiceContext,
  input: z.input<typeof inboxQuery>,
): Promise<{ conversations: InboxItem[]; nextCursor: string | null }> {
  assertCan(ctx, 'conversations.read');
  const me = actingMember(ctx);
  const q = inboxQuery.parse(input);
  const rows = await withTenant(ctx, (tx) =>
    selectItems(tx, me)
      .where(and(...filters(q, me)))
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(q.limit + 1),
  );
  const page = await toItems(ctx, rows.slice(0, q.limit));
  return { conversations: page, nextCursor: rows.length > q.limit ? page.at(-1)!.cursor : null };
}

/** One conversation as an inbox row for a member (live updates). */
export async function inboxItem(ctx: ServiceContext, me: string, conversationId: string): Promise<InboxItem | null> {
  const rows = await withTenant(ctx, (tx) =>
    selectItems(tx, me).where(and(eq(conversations.id, conversationId), notTest)),
  );
  return (await toItems(ctx, rows))[0] ?? null;
}

export interface UnreadTotals {
  /** Open conversations (waiting, or mine) with something unread. */
  conversations: number;
  messages: number;
}

export async function unreadTotals(ctx: ServiceContext, me: string): Promise<UnreadTotals> {
  const [row] = await withTenant(ctx, (tx) =>
    tx.db
      .select({
        conversations: sql<number>`count(*) FILTER (WHERE ${unread} > 0)::int`,
        messages: sql<number>`coalesce(sum(${unread}), 0)::int`,
      })
      .from(conversations)
      .leftJoin(inboxReads, and(eq(inboxReads.conversationId, conversations.id), eq(inboxReads.userId, me)))
      .where(
        and(
          notTest,
          or(
            eq(conversations.status, 'pending_human'),
            and(eq(conversations.status, 'human'), eq(conversations.assigneeId, me)),
          ),
        ),
      ),
  );
  return { conversations: row?.conversations ?? 0, messages: row?.messages ?? 0 };
}
