import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { answerGapsInput, gapIdsInput } from '@switchboard/contract/knowledge';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { detachedFromTransaction, withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { limitedAgents } from '../agents';
import { createQaPair } from './qa';
import { knowledgeGaps, type QaPairRow } from './schema';

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
export async function recordGap(
  ctx: ServiceContext,
  gap: { agentId: string | null; question: string; conversationId: string | null },
): Promise<void> {
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

/**
 * A key limited to some agents sees the questions of its agents' conversations only: the others
 * are other agents' visitors' words. Questions asked outside any agent are nobody's to it.
 */
function visibleGaps(ctx: ServiceContext): SQL | undefined {
  const mine = limitedAgents(ctx);
  if (!mine) return undefined;
  return mine.length ? inArray(knowledgeGaps.agentId, [...mine]) : sql`false`;
}

export async function listOpenGaps(ctx: ServiceContext, limit = 500) {
  assertCan(ctx, 'knowledge.read');
  return withTenant(ctx, (tx) =>
    tx.db
      .select()
      .from(knowledgeGaps)
      .where(and(eq(knowledgeGaps.status, 'open'), visibleGaps(ctx)))
      .orderBy(desc(knowledgeGaps.createdAt))
      .limit(limit),
  );
}

export interface GapGroup {
  /** The most recent wording of the question. */
  representative: string;
  count: number;
  lastAskedAt: Date;
  gapIds: string[];
}

const wordsOf = (normalized: string) => new Set(normalized.split(' ').filter((w) => w.length > 2));

/** Jaccard similarity of the questions' words (of three letters or more). */
function similar(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared) >= 0.5;
}

/** Open gaps grouped by similar wording, the most asked first. */
export async function groupOpenGaps(ctx: ServiceContext): Promise<GapGroup[]> {
  const gaps = await listOpenGaps(ctx);
  const groups: Array<GapGroup & { words: Set<string>; normalized: string }> = [];
  for (const gap of gaps) {
    const words = wordsOf(gap.normalized);
    const group = groups.find((g) => g.normalized === gap.normalized || similar(g.words, words));
    if (group) {
      group.count++;
      group.gapIds.push(gap.id);
      if (gap.createdAt > group.lastAskedAt) group.lastAskedAt = gap.createdAt;
    } else {
      groups.push({
        representative: gap.question,
        count: 1,
        lastAskedAt: gap.createdAt,
        gapIds: [gap.id],
        words,
        normalized: gap.normalized,
      });
    }
  }
  return groups
    .sort((a, b) => b.count - a.count || b.lastAskedAt.getTime() - a.lastAskedAt.getTime())
    .map(({ words: _w, normalized: _n, ...group }) => group);
}

async function openGaps(tx: Tx, ctx: ServiceContext, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await tx.db
    .select({ id: knowledgeGaps.id })
    .from(knowledgeGaps)
    .where(and(inArray(knowledgeGaps.id, unique), eq(knowledgeGaps.status, 'open'), visibleGaps(ctx)))
    .for('update');
  const missing = unique.find((id) => !found.some((g) => g.id === id));
  if (missing) throw new NotFoundError('Open question', 'not_found', { table: 'knowledge_gaps', id: missing });
}

/** Answers unanswered questions with one curated Q&A pair, in one transaction. */
export async function answerGaps(ctx: ServiceContext, input: z.input<typeof answerGapsInput>): Promise<QaPairRow> {
  assertCan(ctx, 'knowledge.write');
  const data = answerGapsInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await openGaps(tx, ctx, data.gapIds);
    const pair = await createQaPair(ctx, { question: data.question, answer: data.answer });
    await tx.db
      .update(knowledgeGaps)
      .set({ status: 'answered', qaPairId: pair.id })
      .where(inArray(knowledgeGaps.id, data.gapIds));
    return pair;
  });
}

export async function dismissGaps(ctx: ServiceContext, input: z.input<typeof gapIdsInput>): Promise<number> {
  assertCan(ctx, 'knowledge.write');
  const data = gapIdsInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await openGaps(tx, ctx, data.gapIds);
    await tx.db.update(knowledgeGaps).set({ status: 'dismissed' }).where(inArray(knowledgeGaps.id, data.gapIds));
    return new Set(data.gapIds).size;
  });
}
