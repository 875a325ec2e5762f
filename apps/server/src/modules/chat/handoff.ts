import { eq } from 'drizzle-orm';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { lockConversation } from './conversations';
import { conversations, type ConversationRow } from './schema';

/**
 * Asks for a person: the conversation waits in the inbox (pending_human) and the bot stops
 * answering it. Idempotent: asking again while waiting or owned changes nothing.
 */
export async function requestHandoff(ctx: ServiceContext, conversationId: string, reason: string): Promise<ConversationRow> {
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status === 'pending_human' || conversation.status === 'human') return conversation;
    const [updated] = await tx.db
      .update(conversations)
      .set({ status: 'pending_human', updatedAt: new Date() })
      .where(eq(conversations.id, conversationId))
      .returning();
    await emit(tx, 'conversation.handoff_requested', { conversationId, agentId: conversation.agentId, reason: reason.slice(0, 500) });
    return updated!;
  });
}
