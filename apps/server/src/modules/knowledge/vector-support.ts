import type { Tx } from '../../platform/tenancy';

let known: boolean | null = null;

/**
 * Whether this database has the embedding column (pgvector present at migration time).
 * Without it retrieval is full-text only, as start-up says.
 */
export async function hasVectorColumn(tx: Tx): Promise<boolean> {
  if (known !== null) return known;
  const { rows } = await tx.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'knowledge_chunks'::regclass AND attname = 'embedding' AND NOT attisdropped) AS present`,
  );
  known = rows[0]!.present;
  return known;
}
