import { and, eq, isNull, sql } from 'drizzle-orm';
import { emit } from '../../../platform/events';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import { handOff, type HandoffResult } from '../handoff';
import { conversations, messages, usageMonthly, type MessageRow } from '../schema';
import { markStaleAnswers } from './begin-turn';
import type { TurnResult } from './types';

const monthOf = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01`;

/**
 * Stores the answer in the row that claimed it, and its usage in the month's rollup, in one
 * transaction (a rollback leaves neither); an interrupted answer keeps what was streamed.
 * A claim is finished once: `latency_ms` is set only here, so a second finish of the same
 * answer changes nothing and never counts its usage twice. Answers that found nothing are
 * counted: at the agent's limit in a row the conversation goes to a person in the same
 * transaction. Answers of the conversation cut off by a crash long ago are marked here too.
 */
export async function finishTurn(
  ctx: ServiceContext,
  turn: { conversationId: string; agentId: string; claimId: string; startedAt: number; unansweredLimit: number },
  result: TurnResult,
): Promise<{ message: MessageRow; handoff: HandoffResult | null }> {
  const latencyMs = Math.round(performance.now() - turn.startedAt);
  return withTenant(ctx, async (tx) => {
    const [message] = await tx.db
      .update(messages)
      .set({
        content: result.content,
        status: result.status,
        citations: result.citations,
        toolCalls: result.toolCalls,
        model: result.model,
        tokensIn: result.usage.tokensIn,
        tokensOut: result.usage.tokensOut,
        costUsd: result.usage.costUsd,
        unpriced: result.usage.unpriced,
        latencyMs,
        firstTokenMs: result.firstTokenMs,
        error: result.error,
      })
      .where(and(eq(messages.id, turn.claimId), isNull(messages.latencyMs)))
      .returning();
    if (!message) {
      const [finished] = await tx.db.select().from(messages).where(eq(messages.id, turn.claimId));
      return { message: finished!, handoff: null };
    }
    await markStaleAnswers(tx, turn.conversationId);
    const streak = result.offerHuman ? sql`${conversations.unansweredStreak} + 1` : result.status === 'complete' ? 0 : sql`${conversations.unansweredStreak}`;
    const [conversation] = await tx.db
      .update(conversations)
      .set({ messageCount: sql`${conversations.messageCount} + 1`, lastMessageAt: new Date(), updatedAt: new Date(), unansweredStreak: streak })
      .where(eq(conversations.id, turn.conversationId))
      .returning();
    await tx.db
      .insert(usageMonthly)
      .values({
        tenantId: ctx.tenantId,
        month: monthOf(new Date()),
        agentId: turn.agentId,
        messages: 1,
        tokensIn: result.usage.tokensIn,
        tokensOut: result.usage.tokensOut,
        costUsd: result.usage.costUsd,
        unpricedMessages: result.usage.unpriced ? 1 : 0,
      })
      .onConflictDoUpdate({
        target: [usageMonthly.tenantId, usageMonthly.month, usageMonthly.agentId],
        set: {
          messages: sql`${usageMonthly.messages} + 1`,
          tokensIn: sql`${usageMonthly.tokensIn} + ${result.usage.tokensIn}`,
          tokensOut: sql`${usageMonthly.tokensOut} + ${result.usage.tokensOut}`,
          costUsd: sql`${usageMonthly.costUsd} + ${result.usage.costUsd}`,
          unpricedMessages: sql`${usageMonthly.unpricedMessages} + ${result.usage.unpriced ? 1 : 0}`,
        },
      });
    await emit(tx, 'message.created', {
      conversationId: turn.conversationId,
      messageId: turn.claimId,
      role: 'assistant',
      status: result.status,
    });
    const limit = turn.unansweredLimit;
    const handoff =
      limit > 0 && !result.handoff && conversation!.status === 'bot' && conversation!.unansweredStreak >= limit
        ? await handOff(tx, ctx, conversation!, `No answer was found ${limit === 1 ? 'once' : `${limit} times in a row`}.`, { source: 'rule:unanswered' })
        : null;
    return { message: message!, handoff };
  });
}
