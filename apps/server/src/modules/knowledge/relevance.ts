import { LOCAL_EMBEDDING_MODEL_ID } from '../../platform/embedder';

/**
 * Relevance: how well a passage answers a question, on a scale that means the same for every
 * question (not normalized per result list), so one threshold can keep unrelated passages out
 * of answers. 0 means the passage shares no word (nor synonym) and, with embeddings, no
 * meaning with the question; 1 means it holds every word of the question, in its heading too,
 * or says the same thing in other words.
 *
 * - Lexical: the idf-weighted share of the question's content words (framing words dropped,
 *   stemmed, with synonyms: see question-terms.ts) that the passage holds, `wcov`, scaled by how
 *   much of the question its heading (a section title, a Q&A pair's question) holds, `hcov`: a
 *   passage holding every word scores LEXICAL_BODY_ONLY without them in its heading, 1 with.
 * - Semantic (when the question and the passage have embeddings): the cosine similarity mapped
 *   linearly from what unrelated sentences score (0) to what paraphrases score (1), per model
 *   (similarityScale): the local static model puts nearly every pair of English sentences above
 *   0.8, an API model spreads them from about 0.2.
 * - Both: 1 − (1 − lexical)(1 − semantic): either signal alone can carry a passage, and
 *   agreement lifts it.
 */
export const LEXICAL_BODY_ONLY = 0.75;

export interface SimilarityScale {
  /** The similarity of unrelated texts: semantic 0 at or below it. */
  none: number;
  /** The similarity of paraphrases: semantic 1 at or above it. */
  same: number;
}

/**
 * Measured on the retrieval benchmark (BENCH_RETRIEVAL_DUMP): for the local model, passages that
 * answer a question have a median similarity of 0.90, unrelated ones 0.88, questions without an
 * answer 0.88 at their best; for other models, the usual range of OpenAI-style embeddings.
 */
export function similarityScale(modelId: string | null): SimilarityScale {
  return modelId === LOCAL_EMBEDDING_MODEL_ID ? { none: 0.88, same: 1 } : { none: 0.3, same: 0.8 };
}

export { DEFAULT_MIN_RELEVANCE } from '@switchboard/contract/knowledge';

/**
 * The relevance as an SQL expression over the feature columns (similarity may be NULL); `none`
 * and `same` are SQL expressions (parameters) of the model's SimilarityScale.
 */
export function relevanceSql(wcov: string, hcov: string, similarity: string, none = '0', same = '1'): string {
  const lexical = `(${wcov} * (${LEXICAL_BODY_ONLY} + ${1 - LEXICAL_BODY_ONLY} * ${hcov}))`;
  const semantic = `coalesce(least(1, greatest(0, (${similarity} - ${none}) / (${same} - ${none}))), 0)`;
  return `(1 - (1 - ${lexical}) * (1 - ${semantic}))`;
}
