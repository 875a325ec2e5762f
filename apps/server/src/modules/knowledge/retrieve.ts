import { retrieveInput } from '@switchboard/contract/knowledge';
import type { z } from 'zod';
import { rerank, type RerankTarget } from '../../platform/llm';
import { rootLogger } from '../../platform/log';
import { withTenant, type PreparedCall, type ServiceContext, type StatementResult, type Tx } from '../../platform/tenancy';
import { platformModels } from '../providers';
import { questionCore } from './question-core';
import { CANDIDATES, FULL_TEXT_CANDIDATES, PASSAGE_JOINS, passageColumns, passageTerms, type PassageRow } from './retrieval-sql';
import { hasVectorColumn } from './vector-support';

export interface Passage {
  chunkId: string;
  sourceId: string;
  sourceTitle: string;
  sourceKind: string;
  text: string;
  heading: string;
  page: number | null;
  anchor: string | null;
  url: string | null;
  /** Reciprocal-rank fusion of the full-text and vector rankings, scaled to 0–1. */
  score: number;
  /** Share of the question's terms (without its framing words, see question-core) found in the passage (0–1). */
  coverage: number;
  /** The rerank service's relevance, when one is configured. */
  rerankScore?: number;
  /** Cosine similarity to the question when embeddings were used. */
  similarity: number | null;
  qa: { pairId: string; question: string; answer: string } | null;
}

export { retrieveInput };

const RRF_K = 60;

interface Candidate {
  id: string;
  rank: number;
}

async function fullTextCandidates(tx: Tx, q: z.infer<typeof retrieveInput>): Promise<Candidate[]> {
  const { rows } = await tx.prepared<{ id: string }>('knowledge_candidates', `WITH ${FULL_TEXT_CANDIDATES} SELECT id FROM found ORDER BY pos`, [
    q.tsConfig,
    q.query,
    q.sourceIds ?? null,
    tx.tenantId,
  ]);
  return rows.map((row, index) => ({ id: row.id, rank: index + 1 }));
}

async function vectorCandidates(tx: Tx, q: z.infer<typeof retrieveInput>, embedding: number[]): Promise<Candidate[]> {
  // The dimension is written into the SQL (an integer we computed) so the planner can match
  // the partial expression index of platform/db/vector-index.ts.
  const dims = Math.trunc(embedding.length);
  // The HNSW graph holds every tenant's rows: keep scanning until RLS lets enough through.
  await tx.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT c.id
       FROM knowledge_chunks c
      WHERE vector_dims(c.embedding) = ${dims}
        AND ($2::text[] IS NULL OR c.source_id = ANY($2)) AND c.staged_by IS NULL
        AND ($3::text IS NULL OR c.embedding_model = $3)
      ORDER BY c.embedding::vector(${dims}) <=> $1::vector(${dims})
      LIMIT ${CANDIDATES}`,
    // Only vectors of the question's model: another model's of the same size mean nothing here.
    [`[${embedding.join(',')}]`, q.sourceIds ?? null, platformModels().embedder?.modelId ?? null],
  );
  return rows.map((row, index) => ({ id: row.id, rank: index + 1 }));
}

/** A candidate's summed reciprocal ranks, scaled so that the first place in every list scores 1. */
function fusedScore(reciprocalRanks: number, lists: number): number {
  const best = lists / (RRF_K + 1);
  return best ? reciprocalRanks / best : 0;
}

function fuse(lists: Candidate[][]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const list of lists) for (const { id, rank } of list) sums.set(id, (sums.get(id) ?? 0) + 1 / (RRF_K + rank));
  const nonEmpty = lists.filter((l) => l.length).length;
  return new Map([...sums].map(([id, sum]) => [id, fusedScore(sum, nonEmpty)]));
}

/**
 * Hybrid retrieval inside the caller's workspace (RLS scopes every query): full-text and,
 * when a question embedding is given and the server has pgvector, vector search, fused by
 * reciprocal rank. The threshold applies after fusion and top-k means k.
 */
export async function retrieveInTx(
  tx: Tx,
  input: z.input<typeof retrieveInput>,
  embedding?: number[] | null,
  options: { last?: boolean } = {},
): Promise<Passage[]> {
  const q = retrieveInput.parse(input);
  const vector = embedding?.length && (await hasVectorColumn(tx)) ? embedding : null;
  const core = questionCore(q.query, q.tsConfig);
  if (!vector) return fullTextPassages(tx, q, core, options.last ?? false);
  const lists = [await fullTextCandidates(tx, q), await vectorCandidates(tx, q, vector)];
  const fused = [...fuse(lists)].filter(([, score]) => score >= q.minScore).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const chosen = fused.slice(0, q.topK);
  if (!chosen.length) return [];
  const { rows } = await tx.prepared<PassageRow>(
    'knowledge_passages_vector',
    `WITH ${passageTerms('$1', '$2', '$5')}
     SELECT ${passageColumns(`CASE WHEN $6::text IS NULL OR c.embedding_model = $6 THEN 1 - (c.embedding <=> $3::vector) END`)}
       FROM knowledge_chunks c
       ${PASSAGE_JOINS}
      WHERE c.id = ANY($4)`,
    // A passage found by its words whose vector is another model's has no similarity to show.
    [q.tsConfig, core, `[${vector.join(',')}]`, chosen.map(([id]) => id), q.query, platformModels().embedder?.modelId ?? null],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return chosen.flatMap(([id, score]) => {
    const r = byId.get(id);
    return r ? [toPassage(r, score)] : [];
  });
}

/**
 * Full-text retrieval alone in one statement (one round trip on a chat turn's way to its first
 * token): the candidates, cut by the score threshold and top-k, joined to their passages. With
 * one ranking the fused score falls with the rank, so the threshold is a last rank.
 */
async function fullTextPassages(tx: Tx, q: z.infer<typeof retrieveInput>, core: string, last: boolean): Promise<Passage[]> {
  const { call, passages } = fullTextStatement(tx, q, core);
  if (!call) return [];
  return passages(last ? await tx.preparedWithCommit(call.name, call.text, call.values) : await tx.prepared(call.name, call.text, call.values));
}

/**
 * Full-text retrieval as a statement for the caller to send (a chat turn batches it with its
 * write and COMMIT), and how its result becomes passages. No call: nothing can pass the threshold.
 */
export function fullTextRetrieval(tx: Tx, input: z.input<typeof retrieveInput>): { call: PreparedCall | null; passages(result: StatementResult): Passage[] } {
  const q = retrieveInput.parse(input);
  return fullTextStatement(tx, q, questionCore(q.query, q.tsConfig));
}

function fullTextStatement(tx: Tx, q: z.infer<typeof retrieveInput>, core: string): { call: PreparedCall | null; passages(result: StatementResult): Passage[] } {
  let lastRank = 0;
  while (lastRank < CANDIDATES && fusedScore(1 / (RRF_K + lastRank + 1), 1) >= q.minScore) lastRank += 1;
  const passages = (result: StatementResult) =>
    (result.rows as Array<PassageRow & { pos: string }>).map((r) => toPassage(r, fusedScore(1 / (RRF_K + Number(r.pos)), 1)));
  if (lastRank === 0) return { call: null, passages };
  return {
    call: {
      name: 'knowledge_fulltext_passages',
      text: `WITH ${FULL_TEXT_CANDIDATES},
          chosen AS (SELECT id, pos FROM found WHERE pos <= $6 ORDER BY pos LIMIT $7),
          ${passageTerms('$1', '$5', '$2')}
     SELECT ${passageColumns('NULL::float8')}, ch.pos
       FROM chosen ch
       JOIN knowledge_chunks c ON c.tenant_id = $4 AND c.id = ch.id
       ${PASSAGE_JOINS}
      ORDER BY ch.pos`,
      values: [q.tsConfig, q.query, q.sourceIds ?? null, tx.tenantId, core, lastRank, q.topK],
    },
    passages,
  };
}

function toPassage(r: PassageRow, score: number): Passage {
  return {
    chunkId: r.id,
    sourceId: r.source_id,
    sourceTitle: r.source_title,
    sourceKind: r.source_kind,
    text: r.text,
    heading: r.heading,
    page: r.page,
    anchor: r.anchor,
    url: r.url,
    score: Math.round(score * 10_000) / 10_000,
    coverage: Math.round(r.coverage * 1000) / 1000,
    similarity: r.similarity === null ? null : Math.round(r.similarity * 10_000) / 10_000,
    qa: r.qa_pair_id ? { pairId: r.qa_pair_id, question: r.qa_question!, answer: r.qa_answer! } : null,
  };
}

let reranker: RerankTarget | null = null;

/**
 * Retrieval that needs nothing but the database (no embedding model ready, no rerank service): a
 * chat turn runs it inside the transaction that stores the visitor's message (sent with that
 * transaction's COMMIT, so it adds no round trip before the first token), which it must not
 * hold open across a network call.
 */
export function retrievalStaysLocal(): boolean {
  const embedder = platformModels().embedder;
  if (embedder && !embedder.ready()) embedder.warm(); // later questions get vectors
  return !reranker && !embedder?.ready();
}

/** The operator's rerank service (RERANK_*), set at boot; null: fused order is final. */
export function configureReranker(target: RerankTarget | null): void {
  reranker = target;
}

/**
 * Retrieval for a workspace. With a rerank service configured, a larger fused pool (four times
 * top-k, at least 20) is reordered by it outside the database transaction and cut to top-k;
 * if the service fails, the fused order stands (answers never depend on it).
 */
export async function retrieve(ctx: ServiceContext, input: z.input<typeof retrieveInput>, embedding?: number[] | null): Promise<Passage[]> {
  const target = reranker;
  if (!target) return withTenant(ctx, (tx) => retrieveInTx(tx, input, embedding, { last: true }));
  const q = retrieveInput.parse(input);
  const pool = await withTenant(ctx, (tx) => retrieveInTx(tx, { ...q, topK: Math.min(50, Math.max(q.topK * 4, 20)) }, embedding, { last: true }));
  if (pool.length <= 1) return pool.slice(0, q.topK);
  try {
    const hits = await rerank(target, q.query, pool.map((p) => (p.heading ? `${p.heading}\n${p.text}` : p.text)), q.topK);
    return hits.slice(0, q.topK).map((hit) => ({ ...pool[hit.index]!, rerankScore: Math.round(hit.score * 10_000) / 10_000 }));
  } catch (error) {
    rootLogger().warn({ err: error, requestId: ctx.requestId }, 'rerank failed; keeping the fused order');
    return pool.slice(0, q.topK);
  }
}
