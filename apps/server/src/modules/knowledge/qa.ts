import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { countTokens } from '../../platform/llm';
import { hashText } from './chunk-store';
import { knowledgeChunks, knowledgeSources, qaPairs, type QaPairRow } from './schema';

export const qaInput = z.object({
  question: z.string().trim().min(3, 'Write the question').max(1000),
  answer: z.string().trim().min(1, 'Write the answer').max(8000),
});

/** The workspace's Q&A source (one per workspace), made on first use. */
async function qaSource(tx: Tx, tenantId: string): Promise<string> {
  const [existing] = await tx.db.select({ id: knowledgeSources.id }).from(knowledgeSources).where(eq(knowledgeSources.kind, 'qa')).limit(1);
  if (existing) return existing.id;
  const id = newId('src');
  await tx.db.insert(knowledgeSources).values({ tenantId, id, kind: 'qa', title: 'Q&A', status: 'ready', progress: 100, stage: null });
  return id;
}

async function writeChunk(tx: Tx, tenantId: string, pair: QaPairRow): Promise<void> {
  await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.qaPairId, pair.id));
  const text = `${pair.question}\n${pair.answer}`;
  const [{ max }] = (await tx.query<{ max: number }>('SELECT coalesce(max(ordinal), -1)::int AS max FROM knowledge_chunks WHERE source_id = $1', [pair.sourceId])).rows as [{ max: number }];
  await tx.db.insert(knowledgeChunks).values({
    tenantId,
    id: newId('chk'),
    sourceId: pair.sourceId,
    ordinal: max + 1,
    text,
    heading: pair.question,
    tokens: countTokens(text),
    contentHash: hashText(text),
    qaPairId: pair.id,
  });
  await tx.query(
    `UPDATE knowledge_sources SET chunk_count = (SELECT count(*) FROM knowledge_chunks WHERE source_id = $1),
            token_count = (SELECT coalesce(sum(tokens), 0) FROM knowledge_chunks WHERE source_id = $1), updated_at = now() WHERE id = $1`,
    [pair.sourceId],
  );
}

/** A curated answer: when a question matches it closely, it is the answer, word for word. */
export async function createQaPair(ctx: ServiceContext, input: z.input<typeof qaInput>): Promise<QaPairRow> {
  assertCan(ctx, 'knowledge.write');
  const data = qaInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const sourceId = await qaSource(tx, ctx.tenantId);
    const [pair] = await tx.db
      .insert(qaPairs)
      .values({ tenantId: ctx.tenantId, id: newId('qa'), sourceId, question: data.question, answer: data.answer, createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null })
      .returning();
    await writeChunk(tx, ctx.tenantId, pair!);
    return pair!;
  });
}

export async function listQaPairs(ctx: ServiceContext): Promise<QaPairRow[]> {
  assertCan(ctx, 'knowledge.read');
  return withTenant(ctx, (tx) => tx.db.select().from(qaPairs).orderBy(desc(qaPairs.createdAt)));
}

export async function updateQaPair(ctx: ServiceContext, id: string, input: z.input<typeof qaInput>): Promise<QaPairRow> {
  assertCan(ctx, 'knowledge.write');
  const data = qaInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const [pair] = await tx.db.update(qaPairs).set({ ...data, updatedAt: new Date() }).where(eq(qaPairs.id, id)).returning();
    if (!pair) throw new NotFoundError('Q&A pair', 'not_found', { table: 'qa_pairs', id });
    await writeChunk(tx, ctx.tenantId, pair);
    return pair;
  });
}

export async function deleteQaPair(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'knowledge.write');
  await withTenant(ctx, async (tx) => {
    const [pair] = await tx.db.delete(qaPairs).where(and(eq(qaPairs.id, id))).returning();
    if (!pair) throw new NotFoundError('Q&A pair', 'not_found', { table: 'qa_pairs', id });
    await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.qaPairId, id));
  });
}
