import { correctAnswerInput, resolveReviewInput } from '@switchboard/contract/feedback';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { answerGaps, createQaPair, dismissGaps } from '../knowledge';
import { openItem, type ReviewItem } from './review-queue';
import { reviewMarks } from './schema';

const reviewer = (ctx: ServiceContext) =>
  ctx.actor.type === 'user' ? ctx.actor.userId : ctx.actor.type === 'apiKey' ? ctx.actor.keyId : null;

async function itemOrThrow(tx: Tx, ctx: ServiceContext, id: string): Promise<ReviewItem> {
  const found = await openItem(tx, ctx, id);
  if (!found) throw new NotFoundError('Review item');
  return found;
}

/**
 * "Correct this answer": the right answer becomes a curated Q&A pair (the next time the
 * question is asked, it is the answer), and the item leaves the queue. Answers with the
 * passage the wrong answer leaned on, to fix or remove at its source.
 */
export async function correctAnswer(ctx: ServiceContext, id: string, input: z.input<typeof correctAnswerInput>) {
  assertCan(ctx, 'knowledge.write');
  const data = correctAnswerInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const found = await itemOrThrow(tx, ctx, id);
    const question = data.question ?? found.question;
    const pair =
      found.kind === 'unanswered'
        ? await answerGaps(ctx, { gapIds: [id], question, answer: data.answer })
        : await createQaPair(ctx, { question, answer: data.answer });
    if (found.kind !== 'unanswered') {
      await tx.db.insert(reviewMarks).values({
        tenantId: ctx.tenantId,
        itemId: id,
        kind: found.kind,
        status: 'reviewed',
        qaPairId: pair.id,
        reviewedBy: reviewer(ctx),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'review.corrected',
      targetType: 'qa_pair',
      targetId: pair.id,
      after: { item: id, kind: found.kind },
    });
    await emit(tx, 'answer.corrected', {
      itemId: id,
      kind: found.kind,
      qaPairId: pair.id,
      agentId: found.agentId,
      conversationId: found.conversationId,
    });
    return {
      qaPair: { id: pair.id, question: pair.question, answer: pair.answer },
      misleadingPassage: found.misleadingPassage,
    };
  });
}

/** Marks an item reviewed (looked at, nothing to change) or dismissed: it leaves the queue. */
export async function resolveReviewItem(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof resolveReviewInput>,
): Promise<void> {
  assertCan(ctx, 'knowledge.write');
  const { status } = resolveReviewInput.parse(input);
  await withTenant(ctx, async (tx) => {
    const found = await itemOrThrow(tx, ctx, id);
    // A question nobody answered has its own status in the gaps list; it leaves both lists.
    if (found.kind === 'unanswered') await dismissGaps(ctx, { gapIds: [id] });
    else
      await tx.db
        .insert(reviewMarks)
        .values({ tenantId: ctx.tenantId, itemId: id, kind: found.kind, status, reviewedBy: reviewer(ctx) });
    await recordAudit(tx, ctx, { action: `review.${status}`, targetType: found.kind, targetId: id });
  });
}
