import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { newId } from '../../platform/ids';
import type { Tx } from '../../platform/tenancy';
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
       FROM knowledge_chunks WHERE source_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL`,
    [sourceId, model],
  );
  return new Map(rows.map((r) => [r.content_hash, JSON.parse(r.embedding) as number[]]));
}

/**
 * Replaces a source's chunks in the caller's transaction and updates its counts: a rerun
 * of the same ingestion leaves exactly one set of chunks (idempotent).
 */
export async function replaceChunks(tx: Tx, tenantId: string, sourceId: string, tsConfig: string, chunks: ChunkInput[]): Promise<void> {
  await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.sourceId, sourceId));
  const vectors = await hasVectorColumn(tx);
  for (let start = 0; start < chunks.length; start += 200) {
    const batch = chunks.slice(start, start + 200);
    const values: unknown[] = [];
    const rows = batch.map((chunk, i) => {
      const base = values.length;
      values.push(
        tenantId, newId('chk'), sourceId, start + i, chunk.text, chunk.heading, chunk.page ?? null, chunk.anchor ?? null,
        chunk.url ?? null, chunk.tokens, hashText(chunk.text), chunk.qaPairId ?? null, tsConfig,
        chunk.embedding?.length ? chunk.embeddingModel ?? null : null,
      );
      const params = Array.from({ length: 14 }, (_, k) => `$${base + k + 1}`);
      params[12] = `${params[12]}::regconfig`;
      if (vectors) {
        values.push(chunk.embedding?.length ? `[${chunk.embedding.join(',')}]` : null);
        params.push(`$${base + 15}::vector`);
      }
      return `(${params.join(', ')})`;
    });
    await tx.query(
      `INSERT INTO knowledge_chunks (tenant_id, id, source_id, ordinal, text, heading, page, anchor, url, tokens, content_hash, qa_pair_id, ts_config, embedding_model${vectors ? ', embedding' : ''})
       VALUES ${rows.join(', ')}`,
      values,
    );
  }
  await tx.db
    .update(knowledgeSources)
    .set({
      chunkCount: chunks.length,
      tokenCount: chunks.reduce((n, c) => n + c.tokens, 0),
      updatedAt: new Date(),
    })
    .where(and(eq(knowledgeSources.id, sourceId)));
}

export async function deleteChunksOf(tx: Tx, sourceId: string): Promise<void> {
  await tx.db.delete(knowledgeChunks).where(eq(knowledgeChunks.sourceId, sourceId));
  await tx.db.update(knowledgeSources).set({ chunkCount: 0, tokenCount: 0, updatedAt: sql`now()` }).where(eq(knowledgeSources.id, sourceId));
}
