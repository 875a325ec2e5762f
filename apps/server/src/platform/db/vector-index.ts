import type pg from 'pg';
import type { Logger } from '../log';

/**
 * The HNSW index of knowledge embeddings, made at start-up for the configured dimension.
 * The column is a plain `vector` (any dimension, so changing the embedding model needs no
 * migration); HNSW needs a fixed one, hence an expression index per dimension, partial on
 * rows of that dimension. Retrieval's query uses the same expression (see retrieve.ts).
 *
 * It cannot lead with tenant_id like every other index (HNSW indexes one vector column):
 * RLS still filters its rows, and pgvector's iterative scan keeps searching the graph until
 * enough rows of the tenant are found. The isolation suite exempts HNSW indexes by name.
 */
export const vectorIndexName = (dimensions: number) => `knowledge_chunks_embedding_hnsw_${dimensions}`;

export async function ensureVectorIndex(pool: pg.Pool, dimensions: number, log: Logger): Promise<boolean> {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2000) {
    log.warn({ dimensions }, 'no vector index: HNSW supports 1–2000 dimensions; vector search scans instead');
    return false;
  }
  const { rows } = await pool.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding' AND NOT attisdropped) AS present`,
  );
  if (!rows[0]?.present) return false;
  await pool.query(
    `CREATE INDEX IF NOT EXISTS ${vectorIndexName(dimensions)} ON knowledge_chunks
       USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops)
       WHERE vector_dims(embedding) = ${dimensions}`,
  );
  return true;
}
