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
 *   linearly from SIMILARITY_NONE (unrelated sentences, 0) to SIMILARITY_SAME (paraphrases, 1).
 * - Both: 1 − (1 − lexical)(1 − semantic): either signal alone can carry a passage, and
 *   agreement lifts it.
 */
export const LEXICAL_BODY_ONLY = 0.75;
export const SIMILARITY_NONE = 0.3;
export const SIMILARITY_SAME = 0.8;

/**
 * The default minimum relevance of an agent (and of the search route): what the retrieval
 * benchmark (bench/retrieval) found keeps unrelated passages out of answers while keeping the
 * right one. A passage below it never reaches a model's context or an extractive answer.
 */
export { DEFAULT_MIN_RELEVANCE } from '@switchboard/contract/knowledge';

/** The relevance as an SQL expression over the feature columns (similarity may be NULL). */
export function relevanceSql(wcov: string, hcov: string, similarity: string): string {
  const lexical = `(${wcov} * (${LEXICAL_BODY_ONLY} + ${1 - LEXICAL_BODY_ONLY} * ${hcov}))`;
  const semantic = `coalesce(least(1, greatest(0, (${similarity} - ${SIMILARITY_NONE}) / ${SIMILARITY_SAME - SIMILARITY_NONE})), 0)`;
  return `(1 - (1 - ${lexical}) * (1 - ${semantic}))`;
}
