import { eq } from 'drizzle-orm';
import { typingInput } from '@switchboard/contract/chat';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { realtimeHub } from '../../platform/realtime';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertConversationAccess } from './conversations';
import { conversations } from './schema';

/**
 * The visitor's side is typing (or stopped): an ephemeral `conversation.typing` event, never
 * stored, that the inbox shows. Members announce theirs through the inbox (from: human).
 */
export async function announceVisitorTyping(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof typingInput>,
): Promise<void> {
  const { typing } = typingInput.parse(input);
  const conversation = await withTenant(
    ctx,
    async (tx) => (await tx.db.select().from(conversations).where(eq(conversations.id, conversationId)))[0],
  );
  if (!conversation)
    throw new NotFoundError('Conversation', 'not_found', { table: 'conversations', id: conversationId });
  assertConversationAccess(ctx, conversation, true);
  await realtimeHub().publishEphemeral(ctx.tenantId, 'conversation.typing', {
    conversationId,
    from: 'visitor',
    typing,
  });
}
