import { eq, sql } from 'drizzle-orm';
import { emit } from '../../../platform/events';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import { conversations, messages, usageMonthly, type MessageRow } from '../schema';
import type { TurnResult } from './types';

const monthOf = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01`;

/**
 * Stores the answer in the row that claimed it, and its usage in the month's rollup, in one
 * transaction; an interrupted answer keeps what was streamed.
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
        latencyMs,
        firstTokenMs: result.firstTokenMs,
        error: result.error,
      })
      .where(eq(messages.id, turn.claimId))
      .returning();
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
      })
      .onConflictDoUpdate({
        target: [usageMonthly.tenantId, usageMonthly.month, usageMonthly.agentId],
        set: {
          messages: sql`${usageMonthly.messages} + 1`,
          tokensIn: sql`${usageMonthly.tokensIn} + ${result.usage.tokensIn}`,
          tokensOut: sql`${usageMonthly.tokensOut} + ${result.usage.tokensOut}`,
          costUsd: sql`${usageMonthly.costUsd} + ${result.usage.costUsd}`,
        },
      });
    await emit(tx, 'message.created', {
      conversationId: turn.conversationId,
      messageId: turn.claimId,
      role: 'assistant',
      status: result.status,
    });
    return message!;
  });
}
