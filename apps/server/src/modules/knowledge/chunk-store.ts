import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { knowledgeChunks, knowledgeSources } from './schema';
import { hasVectorColumn } from './vector-support';

export interface ChunkInput {
  text: string;
  heading: string;
  page?: number | null;
  anchor?: string | null;
  url?: string | null;
  tokens: number;
  qaPairId?: string | null;
  /** Its embedding, when one was made (or kept from the previous version of the source). */
  embedding?: number[] | null;
  embeddingModel?: string | null;
}

export const hashText = (text: string) => createHash('sha256').update(text).digest('hex');

/** The embeddings a source already has, by content hash, so unchanged text is not re-embedded. */
export async function existingEmbeddings(tx: Tx, sourceId: string, model: string): Promise<Map<string, number[]>> {
  if (!(await hasVectorColumn(tx))) return new Map();
  const { rows } = await tx.query<{ content_hash: string; embedding: string }>(
    `SELECT DISTINCT ON (content_hash) content_hash, embedding::text AS embedding
       FROM knowledge_chunks WHERE source_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL AND staged_by IS NULL`,
    [sourceId, model],
  );
  return new Map(rows.map((r) => [r.content_hash, JSON.parse(r.embedding) as number[]]));
}

/** Chunks per INSERT (and per transaction when staging): each statement stays short. */
const BATCH = 100;

async function insertChunks(
  tx: Tx,
  tenantId: string,
  sourceId: string,
  tsConfig: string,
  chunks: ChunkInput[],
  first: number,
  stagedBy: string | null,
): Promise<void> {
  const vectors = await hasVectorColumn(tx);
  const values: unknown[] = [];
  const rows = chunks.map((chunk, i) => {
    const base = values.length;
    values.push(
      tenantId,
      newId('chk'),
      sourceId,
      first + i,
      chunk.text,
      chunk.heading,
      chunk.page ?? null,
      chunk.anchor ?? null,
      chunk.url ?? null,
      chunk.tokens,
      hashText(chunk.text),
      chunk.qaPairId ?? null,
      tsConfig,
      chunk.embedding?.length ? (chunk.embeddingModel ?? null) : null,
      stagedBy,
    );
    const params = Array.from({ length: 15 }, (_, k) => `$${base + k + 1}`);
    params[12] = `${params[12]}::regconfig`;
    if (vectors) {
      values.push(chunk.embedding?.length ? `[${chunk.embedding.join(',')}]` : null);
      params.push(`$${base + 16}::vector`);
    }
    return `(${params.join(', ')})`;
  });
  await tx.query(
    `INSERT INTO knowledge_chunks (tenant_id, id, source_id, ordinal, text, heading, page, anchor, url, tokens, content_hash, qa_pair_id, ts_config, embedding_model, staged_by${vectors ? ', embedding' : ''})
     VALUES ${rows.join(', ')}`,
    values,
  );
}

/**
 * Writes an ingestion run's chunks as staged rows (invisible to search), a batch per short
 * transaction of its own, so that a large source never holds a database connection (the only
 * one, embedded) for the whole write. Rows an earlier, dead run of the source staged go first.
 */
export async function stageChunks(
  ctx: ServiceContext,
  sourceId: string,
  runId: string,
  tsConfig: string,
  chunks: ChunkInput[],
  onBatch?: (done: number) => Promise<void>,
): Promise<void> {
  await withTenant(ctx, (tx) =>
    tx.query('DELETE FROM knowledge_chunks WHERE source_id = $1 AND staged_by IS NOT NULL AND staged_by <> $2', [
      sourceId,
      runId,
    ]),
  );
  for (let start = 0; start < chunks.length; start += BATCH) {
    await withTenant(ctx, (tx) =>
      insertChunks(tx, ctx.tenantId, sourceId, tsConfig, chunks.slice(start, start + BATCH), start, runId),
    );
    await onBatch?.(Math.min(chunks.length, start + BATCH));
  }
}

/**
 * In the caller's transaction (the source row locked first): the run's staged chunks replace
 * the source's live ones and its counts are updated, all at once for a reader. False, and
 * nothing changed, when the run's rows are not all there (a newer run of the source removed
 * them as leftovers: that run publishes its own).
 */
export async function publishStaged(tx: Tx, sourceId: string, runId: string, expected: number): Promise<boolean> {
  const { rows } = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM knowledge_chunks WHERE source_id = $1 AND staged_by = $2',
    [sourceId, runId],
  );
  if (rows[0]!.n !== expected) return false;
  await tx.query('DELETE FROM knowledge_chunks WHERE source_id = $1 AND staged_by IS NULL', [sourceId]);
  await tx.query('UPDATE knowledge_chunks SET staged_by = NULL WHERE source_id = $1 AND staged_by = $2', [
    sourceId,
    runId,
  ]);
  await tx.query(
    `UPDATE knowledge_sources SET chunk_count = $2,
            token_count = (SELECT coalesce(sum(tokens), 0) FROM knowledge_chunks WHERE source_id = $1 AND staged_by IS NULL), updated_at = now()
      WHERE id = $1`,
    [sourceId, expected],
  );
  return true;
}

/** A source's live chunks replaced within the caller's transaction: for small sets written at once (fixtures, benchmarks). */
export async function replaceChunks(
  tx: Tx,
  tenantId: string,
  sourceId: string,
  tsConfig: string,
  chunks: ChunkInput[],
): Promise<void> {
  await tx.query('DELETE FROM knowledge_chunks WHERE source_id = $1', [sourceId]);
  for (let start = 0; start < chunks.length; start += BATCH)
    await insertChunks(tx, tenantId, sourceId, tsConfig, chunks.slice(start, start + BATCH), start, null);
  await tx.query('UPDATE knowledge_sources SET chunk_count = $2, token_count = $3, updated_at = now() WHERE id = $1', [
    sourceId,
    chunks.length,
    chunks.reduce((n, c) => n + c.tokens, 0),
  ]);
}

export async function deleteChunksOf(tx: Tx, sourceId: string): Promise<void> {
  await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.sourceId, sourceId));
  await tx.db
    .update(knowledgeSources)
    .set({ chunkCount: 0, tokenCount: 0, updatedAt: sql`now()` })
    .where(eq(knowledgeSources.id, sourceId));
}
