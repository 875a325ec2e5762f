import { and, eq } from 'drizzle-orm';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { conversations } from '../chat';
import { conversationRatings } from '../widget';
import { queueNoticeInTx } from './notices';
import { channelInbound, channelThreads, type ChannelInboundRow } from './schema';

/** How long after closing a bare "1"–"5" still answers the rating prompt rather than opening a new conversation. */
const RATING_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The customer's answer to the closing prompt: a message that is only a number from 1 to 5,
 * to the thread's closed, not yet rated conversation, is its rating (CSAT, as the widget's
 * stars) and is thanked; anything else is a new question. True when it was taken as a rating.
 */
export async function takeChannelRating(ctx: ServiceContext, inbound: ChannelInboundRow): Promise<boolean> {
  const match = /^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]?\s*$/.exec(inbound.text);
  if (!match) return false;
  return withTenant(ctx, async (tx) => {
    const [thread] = await tx.db
      .select({ conversation: conversations })
      .from(channelThreads)
      .innerJoin(conversations, eq(conversations.id, channelThreads.conversationId))
      .where(
        and(eq(channelThreads.connectionId, inbound.connectionId), eq(channelThreads.threadKey, inbound.threadKey)),
      )
      .for('update', { of: conversations });
    const conversation = thread?.conversation;
    if (conversation?.status !== 'closed' || !conversation.closedAt) return false;
    if (Date.now() - conversation.closedAt.getTime() > RATING_WINDOW_MS) return false;
    const [rated] = await tx.db
      .insert(conversationRatings)
      .values({
        tenantId: ctx.tenantId,
        conversationId: conversation.id,
        agentId: conversation.agentId,
        rating: Number(match[1]),
      })
      .onConflictDoNothing()
      .returning();
    // Rated already: a second number is a new message, not a change of mind to guess at.
    if (!rated) return false;
    await emit(tx, 'csat.submitted', {
      conversationId: conversation.id,
      agentId: conversation.agentId,
      rating: rated.rating,
    });
    await queueNoticeInTx(tx, ctx.tenantId, conversation.id, 'rated');
    // Done in the rating's own transaction: a job run again finds it processed.
    await tx.db.update(channelInbound).set({ processedAt: new Date() }).where(eq(channelInbound.id, inbound.id));
    return true;
  });
}
