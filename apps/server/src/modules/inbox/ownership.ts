import { sql } from 'drizzle-orm';
import { assignInput } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { ConflictError } from '../../platform/errors';
import { enqueue } from '../../platform/jobs';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { conversations, lockConversation, transitionConversation, type ConversationRow } from '../chat';
import { actingMember, assertAssignable, noteAssignment } from './common';
import { markReadInTx } from './reads';
import { summarizeJob } from './summary-job';

const closed = () => new ConflictError('This conversation is closed: reopen it first.', 'conversation_closed');

/** Takes ownership in the caller's transaction (takeover, or the first human reply): the summary job follows. */
export async function takeOverInTx(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  reason: string | null = null,
): Promise<ConversationRow> {
  const me = actingMember(ctx);
  if (conversation.status === 'closed') throw closed();
  if (conversation.status === 'human' && conversation.assigneeId === me) return conversation;
  const updated = await transitionConversation(tx, ctx, conversation, {
    event: 'conversation.taken_over',
    to: 'human',
    assigneeId: me,
    reason,
    set: { askContact: false },
  });
  await noteAssignment(tx, ctx, me);
  await enqueue(tx, summarizeJob, { tenantId: ctx.tenantId, conversationId: conversation.id });
  return updated;
}

/** The member takes the conversation: it is theirs (human), the bot stays silent, a summary is written for them. */
export async function takeOver(ctx: ServiceContext, conversationId: string): Promise<ConversationRow> {
  assertCan(ctx, 'conversations.reply');
  return withTenant(ctx, async (tx) => {
    const updated = await takeOverInTx(tx, ctx, await lockConversation(tx, ctx, conversationId, true));
    await markReadInTx(tx, ctx, conversationId);
    return updated;
  });
}

/** Gives the conversation to a member (who must be able to reply), or back to the queue (null). */
export async function assignConversation(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof assignInput>,
): Promise<ConversationRow> {
  assertCan(ctx, 'conversations.reply');
  const { userId } = assignInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status === 'closed') throw closed();
    if (userId === null) {
      if (conversation.status !== 'human') return conversation;
      return transitionConversation(tx, ctx, conversation, {
        event: 'conversation.unassigned',
        to: 'pending_human',
        assigneeId: null,
      });
    }
    await assertAssignable(tx, userId);
    if (conversation.status === 'human' && conversation.assigneeId === userId) return conversation;
    const updated = await transitionConversation(tx, ctx, conversation, {
      event: 'conversation.assigned',
      to: 'human',
      assigneeId: userId,
      set: { askContact: false },
    });
    await noteAssignment(tx, ctx, userId);
    if (conversation.status !== 'human') await enqueue(tx, summarizeJob, { tenantId: ctx.tenantId, conversationId });
    return updated;
  });
}

/** Back to the bot: it answers the visitor's next message; the hand-off rules start counting again. */
export async function releaseConversation(ctx: ServiceContext, conversationId: string): Promise<ConversationRow> {
  assertCan(ctx, 'conversations.reply');
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status === 'closed') throw closed();
    if (conversation.status === 'bot') return conversation;
    return transitionConversation(tx, ctx, conversation, {
      event: 'conversation.released',
      to: 'bot',
      assigneeId: null,
      set: { unansweredStreak: 0, askContact: false },
    });
  });
}

export async function closeConversation(ctx: ServiceContext, conversationId: string): Promise<ConversationRow> {
  assertCan(ctx, 'conversations.reply');
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status === 'closed') return conversation;
    return transitionConversation(tx, ctx, conversation, {
      event: 'conversation.closed',
      to: 'closed',
      set: { closedAt: sql`now()`, askContact: false },
    });
  });
}

/** A closed conversation comes back to the member who reopens it. */
export async function reopenConversation(ctx: ServiceContext, conversationId: string): Promise<ConversationRow> {
  assertCan(ctx, 'conversations.reply');
  const me = actingMember(ctx);
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    if (conversation.status !== 'closed') throw new ConflictError('This conversation is not closed.', 'not_closed');
    const updated = await transitionConversation(tx, ctx, conversation, {
      event: 'conversation.reopened',
      to: 'human',
      assigneeId: me,
      set: { closedAt: null },
    });
    await noteAssignment(tx, ctx, me);
    return updated;
  });
}

/** Open conversations a member holds (their load against capacity). */
export async function openCount(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(sql`${conversations.assigneeId} = ${userId} AND ${conversations.status} = 'human'`);
  return row?.n ?? 0;
}
