import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { createConversationInput, listConversationsInput } from '@switchboard/contract/chat';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { agents, agentVersions, assertAgentVisible } from '../agents';
import { afterCursor, cursorColumn } from './cursor';
import { conversations, messages, type ConversationRow, type MessageRow } from './schema';

/** Visitors reach only their own conversation; members and keys need a permission. */
export function assertConversationAccess(ctx: ServiceContext, conversation: ConversationRow, write: boolean): void {
  if (ctx.actor.type === 'visitor') {
    if (conversation.visitorId !== ctx.actor.visitorId) throw new NotFoundError('Conversation');
    return;
  }
  assertAgentVisible(ctx, conversation.agentId);
  assertCan(ctx, write ? 'conversations.reply' : 'conversations.read');
}

export async function lockConversation(
  tx: Tx,
  ctx: ServiceContext,
  id: string,
  write: boolean,
): Promise<ConversationRow> {
  const [row] = await tx.db.select().from(conversations).where(eq(conversations.id, id)).for('update');
  if (!row) throw new NotFoundError('Conversation', 'not_found', { table: 'conversations', id });
  assertConversationAccess(ctx, row, write);
  return row;
}

export async function createConversation(
  ctx: ServiceContext,
  input: z.input<typeof createConversationInput>,
): Promise<ConversationRow> {
  const data = createConversationInput.parse(input);
  if (ctx.actor.type === 'visitor') {
    if (data.useDraft || data.version !== undefined || data.visitorId !== ctx.actor.visitorId)
      throw new ForbiddenError('Visitors start their own conversations, with the live version.');
  } else {
    // Talking to anything but the live version is trying an agent out: an editor's job.
    assertCan(ctx, data.useDraft || data.version !== undefined ? 'agents.write' : 'conversations.reply');
  }
  assertAgentVisible(ctx, data.agentId);
  return withTenant(ctx, async (tx) => {
    const [agent] = await tx.db.select().from(agents).where(eq(agents.id, data.agentId));
    if (!agent || agent.status === 'archived')
      throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: data.agentId });
    const tryingOut = data.useDraft || data.version !== undefined;
    // A paused agent answers nobody, except its editors trying it out in the playground.
    if (agent.status === 'paused' && !tryingOut) throw new ConflictError('This agent is paused.', 'agent_paused');
    const version = data.useDraft ? 0 : (data.version ?? agent.publishedVersion);
    if (version === null) throw new ConflictError('This agent has no published version yet.', 'agent_unpublished');
    if (data.version !== undefined) {
      const [exists] = await tx.db
        .select({ version: agentVersions.version })
        .from(agentVersions)
        .where(and(eq(agentVersions.agentId, agent.id), eq(agentVersions.version, data.version)));
      if (!exists) throw new NotFoundError(`Version ${data.version} of this agent`);
    }
    const [row] = await tx.db
      .insert(conversations)
      .values({
        tenantId: ctx.tenantId,
        id: newId('conv'),
        agentId: agent.id,
        agentVersion: version,
        channel: tryingOut ? 'playground' : data.channel,
        visitorId: data.visitorId ?? null,
        metadata: data.metadata,
      })
      .returning();
    await emit(tx, 'conversation.created', { conversationId: row!.id, agentId: agent.id, channel: row!.channel });
    return row!;
  });
}

export async function getConversation(ctx: ServiceContext, id: string): Promise<ConversationRow> {
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db.select().from(conversations).where(eq(conversations.id, id));
    if (!row) throw new NotFoundError('Conversation', 'not_found', { table: 'conversations', id });
    assertConversationAccess(ctx, row, false);
    return row;
  });
}

export async function listConversations(ctx: ServiceContext, input: z.input<typeof listConversationsInput>) {
  assertCan(ctx, 'conversations.read');
  const q = listConversationsInput.parse(input);
  const where: SQL[] = [];
  if (q.status) where.push(eq(conversations.status, q.status));
  if (q.agentId) where.push(eq(conversations.agentId, q.agentId));
  if (q.channel) where.push(eq(conversations.channel, q.channel));
  if (q.visitorId) where.push(eq(conversations.visitorId, q.visitorId));
  if (ctx.actor.type === 'apiKey' && ctx.actor.agentIds)
    where.push(or(...ctx.actor.agentIds.map((id) => eq(conversations.agentId, id)))!);
  const after = afterCursor(q.cursor);
  if (after) where.push(after);
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select({ row: conversations, cursor: cursorColumn })
      .from(conversations)
      .where(and(...where))
      .orderBy(desc(conversations.updatedAt), desc(conversations.id))
      .limit(q.limit + 1),
  );
  const page = rows.slice(0, q.limit);
  return { conversations: page.map((r) => r.row), nextCursor: rows.length > q.limit ? page.at(-1)!.cursor : null };
}

/** Messages in order; `after` (a message id) resumes where a client left off. */
export async function listMessages(
  ctx: ServiceContext,
  conversationId: string,
  options: { after?: string; limit?: number } = {},
): Promise<MessageRow[]> {
  return withTenant(ctx, async (tx) => {
    const [conversation] = await tx.db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation)
      throw new NotFoundError('Conversation', 'not_found', { table: 'conversations', id: conversationId });
    assertConversationAccess(ctx, conversation, false);
    const where: SQL[] = [eq(messages.conversationId, conversationId)];
    if (options.after) {
      // Compared in SQL: a timestamp read into a JS Date loses its microseconds, and the
      // anchor itself would then sort after its own truncated time.
      // An anchor that isn't in this conversation resumes from the start: nothing is lost.
      const anchor = sql`(SELECT m.created_at, m.id FROM messages m WHERE m.id = ${options.after} AND m.conversation_id = ${conversationId})`;
      where.push(sql`(NOT EXISTS ${anchor} OR (${messages.createdAt}, ${messages.id}) > ${anchor})`);
    }
    return tx.db
      .select()
      .from(messages)
      .where(and(...where))
      .orderBy(asc(messages.createdAt), asc(messages.id))
      .limit(options.limit ?? 500);
  });
}
