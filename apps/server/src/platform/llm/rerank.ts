import { z } from 'zod';

/**
 * Reranking through a Cohere- or Jina-compatible `/rerank` API (Cohere, Jina, Voyage, a
 * self-hosted text-embeddings-inference server): `{model, query, documents, top_n}` in,
 * `{results: [{index, relevance_score}]}` out. The operator configures it (RERANK_*), so it
 * is called with plain fetch, not through the egress guard used for user-supplied URLs.
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

export async function rerank(target: RerankTarget, query: string, documents: string[], topN: number, signal?: AbortSignal): Promise<RerankHit[]> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const res = await fetch(`${target.baseURL.replace(/\/+$/, '')}/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(target.apiKey && { authorization: `Bearer ${target.apiKey}` }) },
    body: JSON.stringify({ model: target.model, query, documents, top_n: Math.min(topN, documents.length) }),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  // The body of a failed call is not repeated: a provider may echo the key.
  if (!res.ok) throw new Error(`The rerank service answered ${res.status}.`);
  const parsed = response.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new Error('The rerank service sent an answer of an unknown shape.');
  return parsed.data.results
    .filter((r) => r.index < documents.length)
    .map((r) => ({ index: r.index, score: r.relevance_score }))
    .sort((a, b) => b.score - a.score);
}
