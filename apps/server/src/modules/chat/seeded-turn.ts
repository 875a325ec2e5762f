import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { createConversation } from './conversations';
import { conversations, messages } from './schema';
import { beginTurn, idempotencyKey, messageInput } from './turn/begin-turn';
import type { BegunTurn } from './turn/types';

/** Earlier turns a stateless client (an OpenAI-compatible caller) sends with its question. */
export const seededTurnInput = z.object({
  agentId: z.string().min(1).max(60),
  channel: z.enum(['openai', 'api']).default('openai'),
  visitorId: z.string().trim().min(1).max(200).nullish(),
  history: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(32_000) }))
    .max(200)
    .default([]),
  content: messageInput.shape.content,
  idempotencyKey: idempotencyKey.nullish(),
});

/**
 * Starts a turn in a new conversation that holds the caller's earlier turns, in one
 * transaction committed before any model call: the conversation, the history (stored as
 * it was given, in order, before the question), the question and the answer's claim.
 *
 * With an Idempotency-Key, a retry finds the conversation its first attempt created (an
 * advisory lock on the key makes concurrent retries wait for each other) and replays that
 * answer: never a second conversation, message or model call.
 */
export async function beginSeededTurn(ctx: ServiceContext, input: z.input<typeof seededTurnInput>): Promise<BegunTurn> {
  assertCan(ctx, 'conversations.reply');
  const data = seededTurnInput.parse(input);
  const turn = { content: data.content, idempotencyKey: data.idempotencyKey ?? null };
  return withTenant(ctx, async (tx) => {
    if (data.idempotencyKey) {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${ctx.tenantId}:seeded:${data.idempotencyKey}`,
      ]);
      const [earlier] = await tx.db
        .select({ conversationId: messages.conversationId })
        .from(messages)
        .innerJoin(
          conversations,
          and(eq(conversations.tenantId, messages.tenantId), eq(conversations.id, messages.conversationId)),
        )
        .where(
          and(
            eq(messages.idempotencyKey, data.idempotencyKey),
            eq(messages.role, 'user'),
            eq(conversations.agentId, data.agentId),
            eq(conversations.channel, data.channel),
          ),
        )
        .limit(1);
      if (earlier) return beginTurn(ctx, earlier.conversationId, turn);
    }
    const conversation = await createConversation(ctx, {
      agentId: data.agentId,
      channel: data.channel,
      visitorId: data.visitorId ?? null,
    });
    const history = data.history.filter((m) => m.content.trim());
    if (history.length) {
      await tx.db.insert(messages).values(
        history.map((m, i) => ({
          tenantId: ctx.tenantId,
          id: newId('msg'),
          conversationId: conversation.id,
          role: m.role,
          content: m.content,
          // Strictly before the question (stored at now(), the transaction's time), in order.
          createdAt: sql`now() - make_interval(secs => ${(history.length - i) / 1000})`,
        })),
      );
      const firstQuestion = history.find((m) => m.role === 'user')?.content;
      await tx.db
        .update(conversations)
        .set({ messageCount: history.length, ...(firstQuestion && { title: firstQuestion.slice(0, 120) }) })
        .where(eq(conversations.id, conversation.id));
    }
    return beginTurn(ctx, conversation.id, turn);
  });
}
