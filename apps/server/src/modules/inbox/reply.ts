import { eq, sql } from 'drizzle-orm';
import { typingInput } from '@switchboard/contract/chat';
import { templateReplyInput } from '@switchboard/contract/channels';
import { replyInput } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { ConflictError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { realtimeHub } from '../../platform/realtime';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { assertChannelReplyAllowed, prepareTemplateReply, queueTemplateInTx } from '../channels';
import { conversations, lockConversation, messages, peopleByIds, type MessageRow } from '../chat';
import { actingMember } from './common';
import { takeOverInTx } from './ownership';
import { markReadInTx } from './reads';
import { queueVisitorReplyMail } from './visitor-mail';

/**
 * A member's reply to the visitor: a `human` message with its author, committed, then
 * broadcast (`message.created` through the outbox). Replying to a conversation nobody owns
 * takes it over; one another member owns is refused (take it over first).
 */
export async function sendHumanReply(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof replyInput>,
): Promise<MessageRow> {
  return writeHumanReply(ctx, conversationId, replyInput.parse(input).content, null);
}

/**
 * A WhatsApp template as a member's reply (outside the 24-hour window, where free text is
 * refused): checked against the approved templates, stored as the text the customer reads,
 * sent as the template.
 */
export async function sendTemplateReply(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof templateReplyInput>,
): Promise<MessageRow> {
  assertCan(ctx, 'conversations.reply');
  const prepared = await prepareTemplateReply(ctx, conversationId, input);
  return writeHumanReply(ctx, conversationId, prepared.text, prepared);
}

async function writeHumanReply(
  ctx: ServiceContext,
  conversationId: string,
  content: string,
  template: Awaited<ReturnType<typeof prepareTemplateReply>> | null,
): Promise<MessageRow> {
  assertCan(ctx, 'conversations.reply');
  const me = actingMember(ctx);
  return withTenant(ctx, async (tx) => {
    let conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status === 'closed')
      throw new ConflictError('This conversation is closed: reopen it to reply.', 'conversation_closed');
    if (conversation.status === 'human' && conversation.assigneeId !== me) {
      throw new ConflictError(
        'Another member is handling this conversation: take it over to reply.',
        'assigned_to_other',
        { assigneeId: conversation.assigneeId },
      );
    }
    if (!template) await assertChannelReplyAllowed(tx, conversationId);
    if (conversation.status !== 'human')
      conversation = await takeOverInTx(tx, ctx, conversation, 'Replied to the visitor.');
    const [message] = await tx.db
      .insert(messages)
      .values({ tenantId: ctx.tenantId, id: newId('msg'), conversationId, role: 'human', content, authorId: me })
      .returning();
    await tx.db
      .update(conversations)
      .set({ messageCount: sql`${conversations.messageCount} + 1`, lastMessageAt: new Date(), updatedAt: new Date() })
      .where(eq(conversations.id, conversationId));
    if (template) await queueTemplateInTx(tx, ctx.tenantId, conversationId, message!.id, template);
    await emit(tx, 'message.created', { conversationId, messageId: message!.id, role: 'human', authorId: me });
    await markReadInTx(tx, ctx, conversationId, message!.id);
    await queueVisitorReplyMail(tx, ctx.tenantId, conversationId);
    return message!;
  });
}

/** The member is typing (or stopped): ephemeral, shown to the visitor as "Ana is typing…". */
export async function announceMemberTyping(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof typingInput>,
): Promise<void> {
  assertCan(ctx, 'conversations.reply');
  const me = actingMember(ctx);
  const { typing } = typingInput.parse(input);
  await withTenant(ctx, (tx) => lockConversation(tx, ctx, conversationId, true));
  const name = (await peopleByIds([me])).get(me)?.name || 'A team member';
  await realtimeHub().publishEphemeral(ctx.tenantId, 'conversation.typing', {
    conversationId,
    from: 'human',
    name,
    typing,
  });
}
