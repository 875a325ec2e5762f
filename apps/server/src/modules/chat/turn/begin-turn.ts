import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { emit } from '../../../platform/events';
import { newId } from '../../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../../platform/tenancy';
import { escalationFor, handoffSettingsForTurn, isVip, unansweredLimit } from '../../escalation';
import { agentConfigFor } from '../agent-config';
import { lockConversation } from '../conversations';
import { handOff } from '../handoff';
import { transitionConversation } from '../transition';
import { conversations, messages, type ConversationRow, type MessageRow } from '../schema';
import type { BegunTurn, HistoryMessage } from './types';

export const messageInput = z.object({
  content: z.string().trim().min(1, 'Write a message').max(8000, 'Keep messages under 8,000 characters'),
});

export const idempotencyKey = z.string().trim().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'Printable ASCII only');

const HISTORY_LIMIT = 40;
/**
 * An answer still "streaming" after this long was cut off by a crash: the next answer's
 * finishing transaction (off the path to its first token) marks it interrupted.
 */
const STALE_MS = 5 * 60_000;

export async function markStaleAnswers(tx: Tx, conversationId: string): Promise<void> {
  await tx.db
    .update(messages)
    .set({ status: 'interrupted', error: 'The answer was cut off (the server stopped).' })
    .where(and(eq(messages.conversationId, conversationId), eq(messages.status, 'streaming'), lt(messages.createdAt, sql`now() - make_interval(secs => ${STALE_MS / 1000})`)));
}

/**
 * The conversation so far (read before this turn's message is stored, under the conversation's
 * lock), and whether the visitor wrote before: answered from the same rows when they tell
 * (one statement less on every turn), asked only when 40 messages hold no visitor message.
 */
async function conversationSoFar(tx: Tx, conversationId: string): Promise<{ history: HistoryMessage[]; firstMessage: boolean }> {
  const rows = await tx.db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), ne(messages.content, '')))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_LIMIT);
  const history = rows
    .reverse()
    .filter((m) => m.role !== 'system')
    .map((m): HistoryMessage => ({ role: m.role === 'user' ? 'user' : 'assistant', content: m.content }));
  const firstMessage = rows.some((m) => m.role === 'user')
    ? false
    : rows.length < HISTORY_LIMIT || !(await tx.db.select({ id: messages.id }).from(messages).where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'user'))).limit(1)).length;
  return { history, firstMessage };
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
    if (key) {
      const [earlier] = await tx.db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.idempotencyKey, key)));
      if (earlier) return replayOf(tx, conversation, earlier);
    }
    if (conversation.status === 'closed') {
      conversation = await transitionConversation(tx, ctx, conversation, { event: 'conversation.reopened', to: 'bot', assigneeId: null, reason: 'The visitor wrote again.' });
    }
    const { history, firstMessage } = await conversationSoFar(tx, conversationId);
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
    const config = await agentConfigFor(tx, conversation);
    // The workspace's and the agent's hand-off rules, before any answer: a match means a
    // person answers this message, and the bot only says so (in the reply slot).
    const settings = await handoffSettingsForTurn(tx);
    const vip = isVip(settings.vip, conversation.metadata);
    const escalation = escalationFor({ text: content, rules: config.handoff, vip, vipHandoff: settings.vip.handoff, firstMessage });
    if (escalation) {
      const handoff = await handOff(tx, ctx, conversation, escalation.reason, { replyTo: userMessage!.id, source: `rule:${escalation.rule}` });
      return { kind: 'handoff', conversation: handoff.conversation, userMessage: userMessage!, notice: handoff.notice!, reason: escalation.reason, askContact: handoff.askContact, opensAt: handoff.opensAt };
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
      config,
      history,
      unansweredLimit: unansweredLimit(config.handoff, vip),
    };
  });
}
