import { and, eq, inArray } from 'drizzle-orm';
import { feedbackInput, type FEEDBACK_SOURCES } from '@switchboard/contract/feedback';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertConversationAccess, conversations, messages } from '../chat';
import { answerFeedback, type AnswerFeedbackRow } from './schema';

type Source = (typeof FEEDBACK_SOURCES)[number];

/** Who is rating: one rating per answer each; a visitor's conversation has one visitor. */
function raterOf(ctx: ServiceContext): string {
  switch (ctx.actor.type) {
    case 'visitor':
      return `visitor:${ctx.actor.visitorId}`;
    case 'user':
      return `user:${ctx.actor.userId}`;
    case 'apiKey':
      return `apiKey:${ctx.actor.keyId}`;
    default:
      return `${ctx.actor.type}`;
  }
}

export function feedbackView(row: AnswerFeedbackRow) {
  return {
    messageId: row.messageId,
    conversationId: row.conversationId,
    rating: row.rating,
    comment: row.comment,
    source: row.source,
    updatedAt: row.updatedAt,
  };
}

/**
 * A thumbs up or down on one bot answer, with an optional comment. The caller must reach the
 * conversation (a visitor only their own) and the message must be an answer in it; rating again
 * replaces the caller's earlier rating. Emits `answer.rated` for webhooks and analytics.
 */
export async function rateAnswer(
  ctx: ServiceContext,
  conversationId: string,
  messageId: string,
  input: z.input<typeof feedbackInput>,
) {
  const data = feedbackInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const [conversation] = await tx.db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) throw new NotFoundError('Conversation');
    assertConversationAccess(ctx, conversation, true);
    const [answer] = await tx.db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.conversationId, conversationId),
          eq(messages.role, 'assistant'),
          inArray(messages.status, ['complete', 'interrupted']),
        ),
      );
    if (!answer) throw new NotFoundError('Answer', 'not_found', { table: 'messages', id: messageId });
    const source: Source =
      ctx.actor.type === 'visitor' ? 'widget' : conversation.channel === 'playground' ? 'playground' : 'api';
    const rater = raterOf(ctx);
    const [before] = await tx.db
      .select({ rating: answerFeedback.rating })
      .from(answerFeedback)
      .where(and(eq(answerFeedback.messageId, messageId), eq(answerFeedback.rater, rater)))
      .for('update');
    const values = { rating: data.rating, comment: data.comment || null, source, updatedAt: new Date() };
    const [row] = await tx.db
      .insert(answerFeedback)
      .values({
        tenantId: ctx.tenantId,
        id: newId('fb'),
        conversationId,
        messageId,
        agentId: conversation.agentId,
        rater,
        ...values,
      })
      .onConflictDoUpdate({
        target: [answerFeedback.tenantId, answerFeedback.messageId, answerFeedback.rater],
        set: values,
      })
      .returning();
    await emit(tx, 'answer.rated', {
      conversationId,
      messageId,
      agentId: conversation.agentId,
      rating: data.rating,
      previous: before?.rating ?? null,
      source,
    });
    return feedbackView(row!);
  });
}

/** The caller's own ratings in a conversation (the thumbs a client shows as pressed). */
export async function listMyFeedback(ctx: ServiceContext, conversationId: string) {
  return withTenant(ctx, async (tx) => {
    const [conversation] = await tx.db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) throw new NotFoundError('Conversation');
    assertConversationAccess(ctx, conversation, false);
    const rows = await tx.db
      .select()
      .from(answerFeedback)
      .where(and(eq(answerFeedback.conversationId, conversationId), eq(answerFeedback.rater, raterOf(ctx))));
    return rows.map(feedbackView);
  });
}
