import { and, eq, isNull, sql } from 'drizzle-orm';
import { emit } from '../../../platform/events';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import { conversations, messages, usageMonthly, type MessageRow } from '../schema';
import type { TurnResult } from './types';

const monthOf = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01`;

/**
 * Stores the answer in the row that claimed it, and its usage in the month's rollup, in one
 * transaction (a rollback leaves neither); an interrupted answer keeps what was streamed.
 * A claim is finished once: `latency_ms` is set only here, so a second finish of the same
 * answer changes nothing and never counts its usage twice.
 */
export async function finishTurn(
  ctx: ServiceContext,
  turn: { conversationId: string; agentId: string; claimId: string; startedAt: number },
  result: TurnResult,
): Promise<MessageRow> {
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
      return finished!;
    }
    await tx.db
      .update(conversations)
      .set({ messageCount: sql`${conversations.messageCount} + 1`, lastMessageAt: new Date(), updatedAt: new Date() })
      .where(eq(conversations.id, turn.conversationId));
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
    return message;
  });
}
