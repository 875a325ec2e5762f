import { rootLogger } from '../../platform/log';
import { platformModels } from '../providers';

/**
 * The question's embedding for vector search, or null: none configured, the local model still
 * loading (the question is answered by full-text rather than made to wait for it), or the call
 * failed. Made by the same embedder as the passages' vectors (see pipeline.ts, backfill.ts).
 */
export async function questionEmbedding(question: string, signal: AbortSignal): Promise<number[] | null> {
  const embedder = platformModels().embedder;
  if (!embedder) return null;
  if (!embedder.ready()) {
    embedder.warm();
    return null;
  }
  try {
    const [vector] = await embedder.embed([question], signal);
    return vector ?? null;
  } catch (error) {
    if (embedder.kind === 'local') rootLogger().debug({ err: error }, 'question not embedded; full-text answers');
    return null; // full-text search still answers
  }
}
