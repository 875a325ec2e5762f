import { z } from 'zod';
import { guardedFetch } from '../egress';

/**
 * Reranking through a Cohere- or Jina-compatible `/rerank` API (Cohere, Jina, Voyage, a
 * self-hosted text-embeddings-inference server): `{model, query, documents, top_n}` in,
 * `{results: [{index, relevance_score}]}` out. The operator configures it (RERANK_*): the
 * guarded client is used with trust 'operator' (its address may be private), so a redirect
 * to another server is refused rather than handed the key, and the answer is size-capped.
 */
export interface RerankTarget {
  baseURL: string;
  model: string;
  apiKey?: string;
}

export interface RerankHit {
  index: number;
  score: number;
}

const response = z.object({
  results: z.array(z.object({ index: z.number().int().min(0), relevance_score: z.number() })),
});

const TIMEOUT_MS = 5_000;
/** Scores for a few hundred passages fit many times over. */
const MAX_BYTES = 1024 * 1024;

export async function rerank(
  target: RerankTarget,
  query: string,
  documents: string[],
  topN: number,
  signal?: AbortSignal,
): Promise<RerankHit[]> {
  const res = await guardedFetch(`${target.baseURL.replace(/\/+$/, '')}/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(target.apiKey && { authorization: `Bearer ${target.apiKey}` }) },
    body: JSON.stringify({ model: target.model, query, documents, top_n: Math.min(topN, documents.length) }),
    trust: 'operator',
    redirect: 'same-origin',
    keepAlive: true,
    timeoutMs: TIMEOUT_MS,
    maxBytes: MAX_BYTES,
    throwHttpErrors: false,
    ...(signal && { signal }),
  });
  // The body of a failed call is not repeated: a provider may echo the key.
  if (res.status >= 300) throw new Error(`The rerank service answered ${res.status}.`);
  const parsed = response.safeParse(parseJson(res.body.toString('utf8')));
  if (!parsed.success) throw new Error('The rerank service sent an answer of an unknown shape.');
  return parsed.data.results
    .filter((r) => r.index < documents.length)
    .map((r) => ({ index: r.index, score: r.relevance_score }))
    .sort((a, b) => b.score - a.score);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
