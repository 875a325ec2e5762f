import { and, desc, eq } from 'drizzle-orm';
import { qaInput } from '@switchboard/contract/knowledge';
import type { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { knowledgeScopeOf, type KnowledgeScope } from '../agents';
import { countTokens } from '../../platform/llm';
import { hashText } from './chunk-store';
import { queueEmbedding } from './backfill';
import { knowledgeChunks, knowledgeSources, qaPairs, type QaPairRow } from './schema';
import { assertMayAddSource, assertSourceWritable, readableSource } from './scope';

const PAIRS = 'the Q&A pairs';

async function existingQaSource(tx: Tx): Promise<string | null> {
  const [existing] = await tx.db
    .select({ id: knowledgeSources.id })
    .from(knowledgeSources)
    .where(eq(knowledgeSources.kind, 'qa'))
    .limit(1);
  return existing?.id ?? null;
}

/**
 * The workspace's Q&A source (one per workspace), made on first use. Every pair is in it, so a
 * key limited to some agents adds pairs only where the Q&A source reaches its agents alone.
 */
async function qaSource(tx: Tx, ctx: ServiceContext, scope: KnowledgeScope | null): Promise<string> {
  const existing = await existingQaSource(tx);
  if (existing) {
    if (!readableSource(scope, existing))
      throw new ForbiddenError(
        'This API key is limited to some agents, and none of them answers from the Q&A pairs.',
        'knowledge_scope',
      );
    assertSourceWritable(scope, existing, PAIRS);
    return existing;
  }
  assertMayAddSource(scope, 'Q&A pairs');
  const tenantId = ctx.tenantId;
  const id = newId('src');
  await tx.db
    .insert(knowledgeSources)
    .values({ tenantId, id, kind: 'qa', title: 'Q&A', status: 'ready', progress: 100, stage: null });
  return id;
}

async function writeChunk(tx: Tx, tenantId: string, pair: QaPairRow): Promise<void> {
  await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.qaPairId, pair.id));
  const text = `${pair.question}\n${pair.answer}`;
  const [{ max }] = (
    await tx.query<{ max: number }>(
      'SELECT coalesce(max(ordinal), -1)::int AS max FROM knowledge_chunks WHERE source_id = $1',
      [pair.sourceId],
    )
  ).rows as [{ max: number }];
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
    // language NULL: the backfill detects it again from the pairs as they now stand.
    `UPDATE knowledge_sources SET chunk_count = (SELECT count(*) FROM knowledge_chunks WHERE source_id = $1),
            token_count = (SELECT coalesce(sum(tokens), 0) FROM knowledge_chunks WHERE source_id = $1), language = NULL, updated_at = now() WHERE id = $1`,
    [pair.sourceId],
  );
  await queueEmbedding(tx, tenantId); // the pair's vector, in the background
}

/** A curated answer: when a question matches it closely, it is the answer, word for word. */
export async function createQaPair(ctx: ServiceContext, input: z.input<typeof qaInput>): Promise<QaPairRow> {
  assertCan(ctx, 'knowledge.write');
  const data = qaInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const sourceId = await qaSource(tx, ctx, await knowledgeScopeOf(tx, ctx));
    const [pair] = await tx.db
      .insert(qaPairs)
      .values({
        tenantId: ctx.tenantId,
        id: newId('qa'),
        sourceId,
        question: data.question,
        answer: data.answer,
        createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await writeChunk(tx, ctx.tenantId, pair!);
    return pair!;
  });
}

export async function listQaPairs(ctx: ServiceContext): Promise<QaPairRow[]> {
  assertCan(ctx, 'knowledge.read');
  return withTenant(ctx, async (tx) => {
    const scope = await knowledgeScopeOf(tx, ctx);
    if (scope) {
      const source = await existingQaSource(tx);
      if (!source || !readableSource(scope, source)) return [];
    }
    return tx.db.select().from(qaPairs).orderBy(desc(qaPairs.createdAt));
  });
}

/** A pair to change: absent to a key whose agents don't use the Q&A pairs, refused when others use them too. */
async function lockPair(tx: Tx, ctx: ServiceContext, id: string): Promise<QaPairRow> {
  const [pair] = await tx.db.select().from(qaPairs).where(eq(qaPairs.id, id)).for('update');
  const notFound = new NotFoundError('Q&A pair', 'not_found', { table: 'qa_pairs', id });
  if (!pair) throw notFound;
  const scope = await knowledgeScopeOf(tx, ctx);
  if (!readableSource(scope, pair.sourceId)) throw notFound;
  assertSourceWritable(scope, pair.sourceId, PAIRS);
  return pair;
}

export async function updateQaPair(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof qaInput>,
): Promise<QaPairRow> {
  assertCan(ctx, 'knowledge.write');
  const data = qaInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await lockPair(tx, ctx, id);
    const [pair] = await tx.db
      .update(qaPairs)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(qaPairs.id, id))
      .returning();
    await writeChunk(tx, ctx.tenantId, pair!);
    return pair!;
  });
}

export async function deleteQaPair(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'knowledge.write');
  await withTenant(ctx, async (tx) => {
    await lockPair(tx, ctx, id);
    await tx.db.delete(qaPairs).where(and(eq(qaPairs.id, id)));
    await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.qaPairId, id));
  });
}
