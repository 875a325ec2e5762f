import { embedTexts } from '../../platform/llm';
import { platformModels } from '../providers';

/** The question's embedding for vector search, or null (none configured, or the call failed). */
export async function questionEmbedding(question: string, signal: AbortSignal): Promise<number[] | null> {
  const target = platformModels().embedding;
  if (!target) return null;
  try {
    const [vector] = await embedTexts(target, [question], { ...(target.dimensions && { dimensions: target.dimensions }), abortSignal: signal });
    return vector ?? null;
  } catch {
    return null; // full-text search still answers
  }
}
