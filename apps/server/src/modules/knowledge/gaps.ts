import { desc, eq } from 'drizzle-orm';
import { newId } from '../../platform/ids';
import { detachedFromTransaction, withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { knowledgeGaps } from './schema';

/** Lowercase words without punctuation or accents: what similar questions share. */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

/** A question nothing answered: recorded for the "unanswered questions" list. */
export async function recordGap(ctx: ServiceContext, gap: { agentId: string | null; question: string; conversationId: string | null }): Promise<void> {
  await detachedFromTransaction(() =>
    withTenant(ctx, (tx) =>
      tx.db.insert(knowledgeGaps).values({
        tenantId: ctx.tenantId,
        id: newId('gap'),
        agentId: gap.agentId,
        question: gap.question.slice(0, 2000),
        normalized: normalizeQuestion(gap.question),
        conversationId: gap.conversationId,
      }),
    ),
  );
}

export async function listOpenGaps(ctx: ServiceContext, limit = 500) {
  assertCan(ctx, 'knowledge.read');
  return withTenant(ctx, (tx) =>
    tx.db.select().from(knowledgeGaps).where(eq(knowledgeGaps.status, 'open')).orderBy(desc(knowledgeGaps.createdAt)).limit(limit),
  );
}
