import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError } from '../../../platform/errors';
import { emit } from '../../../platform/events';
import { newId } from '../../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../../platform/tenancy';
import { agents, agentVersions, type AgentConfig } from '../../agents';
import { lockConversation } from '../conversations';
import { conversations, messages, type ConversationRow, type MessageRow } from '../schema';
import type { BegunTurn, HistoryMessage } from './types';

export const messageInput = z.object({
  content: z.string().trim().min(1, 'Write a message').max(8000, 'Keep messages under 8,000 characters'),
});

export const idempotencyKey = z.string().trim().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'Printable ASCII only');

const HISTORY_LIMIT = 40;
/** An answer still "streaming" after this long was cut off by a crash: it is marked interrupted. */
const STALE_MS = 5 * 60_000;

export async function markStaleAnswers(tx: Tx, conversationId: string): Promise<void> {
  await tx.db
    .update(messages)
    .set({ status: 'interrupted', error: 'The answer was cut off (the server stopped).' })
    .where(and(eq(messages.conversationId, conversationId), eq(messages.status, 'streaming'), lt(messages.createdAt, sql`now() - make_interval(secs => ${STALE_MS / 1000})`)));
}

async function agentConfigFor(tx: Tx, conversation: ConversationRow): Promise<AgentConfig> {
  if (conversation.agentVersion === 0) {
    const [agent] = await tx.db.select({ draft: agents.draft }).from(agents).where(eq(agents.id, conversation.agentId));
    if (!agent) throw new NotFoundError('Agent');
    return agent.draft;
  }
  const [version] = await tx.db
    .select({ config: agentVersions.config })
    .from(agentVersions)
    .where(and(eq(agentVersions.agentId, conversation.agentId), eq(agentVersions.version, conversation.agentVersion)));
  if (!version) throw new NotFoundError('Agent version');
  return version.config;
}

async function historyBefore(tx: Tx, conversationId: string, excludeId: string): Promise<HistoryMessage[]> {
  const rows = await tx.db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), ne(messages.id, excludeId), ne(messages.content, '')))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_LIMIT);
  return rows
    .reverse()
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', content: m.content }));
}

async function replayOf(tx: Tx, conversation: ConversationRow, userMessage: MessageRow): Promise<BegunTurn> {
  const [reply] = await tx.db.select().from(messages).where(eq(messages.replyTo, userMessage.id));
  return { kind: 'replay', conversation, userMessage, reply: reply ?? null };
}

/**
 * Starts a turn in one short transaction, committed before any model call: the visitor's
 * message is stored, and an empty answer row claims the reply slot (unique per message), so a
 * retry with the same Idempotency-Key — or a crash — can never cause a second answer.
 */
export async function beginTurn(ctx: ServiceContext, conversationId: string, input: { content: string; idempotencyKey?: string | null }): Promise<BegunTurn> {
  const { content } = messageInput.parse(input);
  const key = input.idempotencyKey ? idempotencyKey.parse(input.idempotencyKey) : null;
  return withTenant(ctx, async (tx) => {
    let conversation = await lockConversation(tx, ctx, conversationId, true);
    // In the same transaction (one round trip less for every turn): answers cut off by a crash.
    await markStaleAnswers(tx, conversationId);
    if (key) {
      const [earlier] = await tx.db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.idempotencyKey, key)));
      if (earlier) return replayOf(tx, conversation, earlier);
    }
    if (conversation.status === 'closed') {
      [conversation] = (await tx.db
        .update(conversations)
        .set({ status: 'bot', updatedAt: new Date() })
        .where(eq(conversations.id, conversationId))
        .returning()) as [ConversationRow];
      await emit(tx, 'conversation.reopened', { conversationId, by: 'visitor' });
    }
    const [userMessage] = await tx.db
      .insert(messages)
      .values({
        tenantId: ctx.tenantId,
        id: newId('msg'),
        conversationId,
        role: 'user',
        content,
        idempotencyKey: key,
      })
      .returning();
    await tx.db
      .update(conversations)
      .set({
        messageCount: sql`${conversations.messageCount} + 1`,
        lastMessageAt: new Date(),
        updatedAt: new Date(),
        title: conversation.title ?? content.slice(0, 120),
      })
      .where(eq(conversations.id, conversationId));
    await emit(tx, 'message.created', { conversationId, messageId: userMessage!.id, role: 'user', conversationStatus: conversation.status });

    if (conversation.status === 'human' || conversation.status === 'pending_human') {
      return { kind: 'human', conversation, userMessage: userMessage! };
    }
    const [claim] = await tx.db
      .insert(messages)
      .values({ tenantId: ctx.tenantId, id: newId('msg'), conversationId, role: 'assistant', content: '', status: 'streaming', replyTo: userMessage!.id })
      .returning();
    return {
      kind: 'answer',
      conversation,
      userMessage: userMessage!,
      claim: claim!,
      config: await agentConfigFor(tx, conversation),
      history: await historyBefore(tx, conversationId, userMessage!.id),
    };
  });
}
