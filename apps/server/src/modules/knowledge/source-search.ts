import type { Tx } from '../../platform/tenancy';
import { platformModels } from '../providers';
import type { SourceRow } from './schema';
import { hasVectorColumn } from './vector-support';

/** How a source is searched, as the sources list and API show it (see KnowledgeSourceSearch). */
export interface SourceSearch {
  mode: 'semantic' | 'embedding' | 'keywords';
  reason: 'off' | 'language' | null;
  language: string | null;
  embeddedChunks: number;
  model: string | null;
}

/** Chunks with a vector of the current embedding model, per source (all sources when ids is null). */
export async function embeddedCounts(tx: Tx, ids: string[] | null): Promise<Map<string, number>> {
  const embedder = platformModels().embedder;
  if (!embedder || !(await hasVectorColumn(tx))) return new Map();
  const { rows } = await tx.query<{ source_id: string; n: number }>(
    `SELECT source_id, count(*)::int AS n FROM knowledge_chunks
      WHERE embedding_model = $1 AND staged_by IS NULL AND ($2::text[] IS NULL OR source_id = ANY($2))
      GROUP BY source_id`,
    [embedder.modelId, ids],
  );
  return new Map(rows.map((r) => [r.source_id, r.n]));
}

/** `vectors`: whether this database can hold vectors at all (pgvector). */
export function sourceSearch(
  row: Pick<SourceRow, 'language' | 'chunkCount'>,
  embedded: number,
  vectors: boolean,
): SourceSearch {
  const embedder = vectors ? platformModels().embedder : null;
  const language = row.language ?? null;
  const base = { language, embeddedChunks: embedded, model: embedder?.modelId ?? null };
  if (!embedder) return { ...base, mode: 'keywords', reason: 'off' };
  if (language && language !== 'und' && embedder.languages && !embedder.languages.includes(language))
    return { ...base, mode: 'keywords', reason: 'language' };
  // No passages yet: nothing waits for a vector (its status tells whether text is coming).
  return { ...base, mode: embedded >= row.chunkCount ? 'semantic' : 'embedding', reason: null };
}
