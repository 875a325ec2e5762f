import { retrieveInput } from '@switchboard/contract/knowledge';
import type { z } from 'zod';
import { rerank, type RerankTarget } from '../../platform/llm';
import { rootLogger } from '../../platform/log';
import {
  withTenant,
  type PreparedCall,
  type ServiceContext,
  type StatementResult,
  type Tx,
} from '../../platform/tenancy';
import { platformModels } from '../providers';
import { questionTermGroups } from './question-terms';
import { relevanceSql, similarityScale } from './relevance';
import {
  CANDIDATES,
  FULL_TEXT_CANDIDATES,
  LEXICAL_COLUMNS,
  PASSAGE_JOINS,
  passageColumns,
  termGroups,
  type PassageRow,
} from './retrieval-sql';
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
  /** Relevance to the question, 0–1, comparable across questions (see relevance.ts). */
  score: number;
  /** Share of the question's content words (framing words dropped; synonyms count) found in the passage (0–1). */
  coverage: number;
  /** The rerank service's relevance, when one is configured. */
  rerankScore?: number;
  /** Cosine similarity to the question when embeddings were used. */
  similarity: number | null;
  qa: { pairId: string; question: string; answer: string } | null;
}

export { retrieveInput };

type Query = z.infer<typeof retrieveInput>;

async function vectorCandidates(tx: Tx, q: Query, embedding: number[]): Promise<string[]> {
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
  return rows.map((row) => row.id);
}

/**
 * Retrieval inside the caller's workspace (RLS scopes every query): full-text candidates and,
 * when a question embedding is given and the server has pgvector, the nearest chunks by vector;
 * every candidate is scored by relevance (relevance.ts), those below the threshold dropped, the
 * best top-k kept, best first.
 */
export async function retrieveInTx(
  tx: Tx,
  input: z.input<typeof retrieveInput>,
  embedding?: number[] | null,
  options: { last?: boolean } = {},
): Promise<Passage[]> {
  const q = retrieveInput.parse(input);
  const vector = embedding?.length && (await hasVectorColumn(tx)) ? embedding : null;
  const { call, passages } = retrievalStatement(
    tx,
    q,
    vector
      ? {
          ids: await vectorCandidates(tx, q, vector),
          literal: `[${vector.join(',')}]`,
          dims: Math.trunc(vector.length),
          model: platformModels().embedder?.modelId ?? null,
        }
      : null,
  );
  return passages(
    options.last
      ? await tx.preparedWithCommit(call.name, call.text, call.values)
      : await tx.prepared(call.name, call.text, call.values),
  );
}

/**
 * Full-text retrieval as one statement for the caller to send (a chat turn batches it with its
 * write and COMMIT, so retrieval adds no round trip before the first token), and how its result
 * becomes passages.
 */
export function fullTextRetrieval(
  tx: Tx,
  input: z.input<typeof retrieveInput>,
): { call: PreparedCall; passages(result: StatementResult): Passage[] } {
  return retrievalStatement(tx, retrieveInput.parse(input), null);
}

function retrievalStatement(
  tx: Tx,
  q: Query,
  vector: { ids: string[]; literal: string; dims: number; model: string | null } | null,
): { call: PreparedCall; passages(result: StatementResult): Passage[] } {
  const values: unknown[] = [
    q.tsConfig,
    q.query,
    q.sourceIds ?? null,
    tx.tenantId,
    questionTermGroups(q.query, q.tsConfig),
    q.minScore,
    q.topK,
  ];
  if (vector) {
    const scale = similarityScale(vector.model);
    values.push(vector.ids, vector.literal, vector.model, scale.none, scale.same);
  }
  const candidates = vector
    ? `cand AS (SELECT id, min(pos) AS pos FROM (SELECT id, pos FROM found UNION ALL SELECT v.id, ${CANDIDATES} + v.ord FROM unnest($8::text[]) WITH ORDINALITY v(id, ord)) u GROUP BY id)`
    : `cand AS (SELECT id, pos FROM found)`;
  // Only vectors of the question's model (and size) are compared with it; others have no similarity.
  const similarity = vector
    ? `CASE WHEN vector_dims(c.embedding) = ${vector.dims} AND ($10::text IS NULL OR c.embedding_model = $10) THEN 1 - (c.embedding::vector(${vector.dims}) <=> $9::vector(${vector.dims})) END`
    : 'NULL::float8';
  return {
    call: {
      name: vector ? 'knowledge_passages_vector' : 'knowledge_passages',
      text: `WITH ${FULL_TEXT_CANDIDATES},
          ${termGroups('$1', '$5', '$4')},
          ${candidates},
          scored AS (
            SELECT ca.id, ca.pos, ${similarity} AS similarity, ${LEXICAL_COLUMNS}
              FROM cand ca JOIN knowledge_chunks c ON c.tenant_id = $4 AND c.id = ca.id),
          chosen AS (
            SELECT id, pos, coverage, relevance
              FROM (SELECT *, ${vector ? relevanceSql('wcov', 'hcov', 'similarity', '$11::float8', '$12::float8') : relevanceSql('wcov', 'hcov', 'NULL::float8')} AS relevance FROM scored) r
             WHERE relevance >= $6
             ORDER BY relevance DESC, pos
             LIMIT $7)
     SELECT ${passageColumns(similarity)}, ch.coverage, ch.relevance
       FROM chosen ch
       JOIN knowledge_chunks c ON c.tenant_id = $4 AND c.id = ch.id
       ${PASSAGE_JOINS}
      ORDER BY ch.relevance DESC, ch.pos`,
      values,
    },
    passages: (result) => (result.rows as PassageRow[]).map(toPassage),
  };
}

function toPassage(r: PassageRow): Passage {
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
    score: Math.round(r.relevance * 10_000) / 10_000,
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

/** The operator's rerank service (RERANK_*), set at boot; null: the relevance order is final. */
export function configureReranker(target: RerankTarget | null): void {
  reranker = target;
}

/**
 * Retrieval for a workspace. With a rerank service configured, a larger pool (four times
 * top-k, at least 20) is reordered by it outside the database transaction and cut to top-k;
 * if the service fails, the relevance order stands (answers never depend on it).
 */
export async function retrieve(
  ctx: ServiceContext,
  input: z.input<typeof retrieveInput>,
  embedding?: number[] | null,
): Promise<Passage[]> {
  const target = reranker;
  if (!target) return withTenant(ctx, (tx) => retrieveInTx(tx, input, embedding, { last: true }));
  const q = retrieveInput.parse(input);
  const pool = await withTenant(ctx, (tx) =>
    retrieveInTx(tx, { ...q, topK: Math.min(50, Math.max(q.topK * 4, 20)) }, embedding, { last: true }),
  );
  if (pool.length <= 1) return pool.slice(0, q.topK);
  try {
    const hits = await rerank(
      target,
      q.query,
      pool.map((p) => (p.heading ? `${p.heading}\n${p.text}` : p.text)),
      q.topK,
    );
    return hits
      .slice(0, q.topK)
      .map((hit) => ({ ...pool[hit.index]!, rerankScore: Math.round(hit.score * 10_000) / 10_000 }));
  } catch (error) {
    rootLogger().warn({ err: error, requestId: ctx.requestId }, 'rerank failed; keeping the relevance order');
    return pool.slice(0, q.topK);
  }
}
