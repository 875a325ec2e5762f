import { eq } from 'drizzle-orm';
import { ratingInput } from '@switchboard/contract/widget';
import type { z } from 'zod';
import { ConflictError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { lockConversation } from '../chat';
import { conversationRatings } from './schema';

/**
 * The visitor's satisfaction rating (CSAT), asked for when the conversation closes. One per
 * conversation: rating again replaces it. Emits `csat.submitted` for analytics and webhooks.
 */
export async function rateConversation(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof ratingInput>,
  options: { enabled: boolean },
) {
  if (!options.enabled) throw new ConflictError('Ratings are switched off for this chat.', 'csat_disabled');
  const data = ratingInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status !== 'closed')
      throw new ConflictError('A conversation is rated once it is closed.', 'conversation_open');
    const values = { rating: data.rating, comment: data.comment || null, updatedAt: new Date() };
    const [row] = await tx.db
      .insert(conversationRatings)
      .values({ tenantId: ctx.tenantId, conversationId, agentId: conversation.agentId, ...values })
      .onConflictDoUpdate({ target: [conversationRatings.tenantId, conversationRatings.conversationId], set: values })
      .returning();
    await emit(tx, 'csat.submitted', { conversationId, agentId: conversation.agentId, rating: data.rating });
    return { rating: row!.rating, comment: row!.comment };
  });
}

export async function ratingOf(ctx: ServiceContext, conversationId: string): Promise<number | null> {
  const [row] = await withTenant(ctx, (tx) =>
    tx.db
      .select({ rating: conversationRatings.rating })
      .from(conversationRatings)
      .where(eq(conversationRatings.conversationId, conversationId)),
  );
  return row?.rating ?? null;
}
