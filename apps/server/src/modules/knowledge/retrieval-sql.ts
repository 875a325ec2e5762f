/** The SQL of knowledge retrieval: full-text candidates and the passage columns (see retrieve.ts). */

/** Each list contributes at most this many candidates to the fusion. */
export const CANDIDATES = 40;

/** Loose (any-word) matches ranked per query at most: bounds the work for very common words. */
const LOOSE_SAMPLE = 2000;

/**
 * The full-text candidates as CTEs ending in `found (id, pos)`, best first; parameters $1
 * text search config, $2 the question, $3 source ids or null, $4 the tenant.
 *
 * websearch_to_tsquery parses quotes, "or" and "-". Passages holding every word (strict)
 * rank first; only when they are too few, passages holding some of them (its ANDs turned
 * into ORs), so a natural question still finds a passage that words it differently; of
 * those a bounded sample is ranked (a common word would otherwise cost time in proportion
 * to the corpus).
 * - No join on the source's status: a source's new chunks are staged (`staged_by` set) and
 *   swapped in by one transaction, so each source is searchable as it stands (an older version
 *   while it re-syncs).
 * - The GIN index is usable under RLS only because migration 0004 marks `@@` LEAKPROOF; the
 *   explicit tenant filter (RLS applies anyway) gives the planner a constant to estimate with.
 * - ts_rank, not ts_rank_cd: cover density costs several times more per matching row, for no
 *   gain in recall.
 * One statement (one round trip on the way to a chat turn's first token): the loose part's
 * scan is gated by a one-time filter on the strict count, so it costs nothing when strict
 * matches already fill the list.
 */
export const FULL_TEXT_CANDIDATES = `strict AS (
       SELECT c.id, ts_rank(c.search, q) AS rank
         FROM knowledge_chunks c
         CROSS JOIN websearch_to_tsquery($1::regconfig, $2) AS q
        WHERE c.tenant_id = $4 AND c.search @@ q AND ($3::text[] IS NULL OR c.source_id = ANY($3)) AND c.staged_by IS NULL
        ORDER BY rank DESC, c.id
        LIMIT ${CANDIDATES}),
     q AS (SELECT replace(websearch_to_tsquery($1::regconfig, $2)::text, ' & ', ' | ')::tsquery AS loose),
     loose AS (
       SELECT m.id, ts_rank(m.search, q.loose) AS rank
         FROM (
           SELECT c.id, c.search
             FROM knowledge_chunks c
             CROSS JOIN q
            WHERE (SELECT count(*) FROM strict) < ${CANDIDATES}
              AND c.tenant_id = $4 AND c.search @@ q.loose AND ($3::text[] IS NULL OR c.source_id = ANY($3)) AND c.staged_by IS NULL
              AND c.id NOT IN (SELECT id FROM strict)
            LIMIT ${LOOSE_SAMPLE}
         ) m CROSS JOIN q
        ORDER BY rank DESC, m.id
        LIMIT ${CANDIDATES}),
     found AS (
       SELECT id, row_number() OVER (ORDER BY part, rank DESC, id) AS pos
         FROM (SELECT id, 0 AS part, rank FROM strict UNION ALL SELECT id, 1 AS part, rank FROM loose) f
        ORDER BY part, rank DESC, id
        LIMIT ${CANDIDATES})`;

export interface PassageRow {
  id: string;
  source_id: string;
  source_title: string;
  source_kind: string;
  text: string;
  heading: string;
  page: number | null;
  anchor: string | null;
  url: string | null;
  coverage: number;
  similarity: number | null;
  qa_pair_id: string | null;
  qa_question: string | null;
  qa_answer: string | null;
}

/** The question's terms for coverage: its core words, or all of its words when it has no core. */
export const passageTerms = (config: string, core: string, query: string) =>
  `core AS (SELECT coalesce(array_agg(DISTINCT lexeme), '{}') AS lexemes FROM unnest(to_tsvector(${config}::regconfig, ${core}))),
   whole AS (SELECT coalesce(array_agg(DISTINCT lexeme), '{}') AS lexemes FROM unnest(to_tsvector(${config}::regconfig, ${query}))),
   terms AS (SELECT CASE WHEN cardinality(core.lexemes) > 0 THEN core.lexemes ELSE whole.lexemes END AS lexemes FROM core, whole)`;

export const passageColumns = (similarity: string) =>
  `c.id, c.source_id, s.title AS source_title, s.kind AS source_kind, c.text, c.heading, c.page, c.anchor, c.url,
   CASE WHEN cardinality(t.lexemes) = 0 THEN 0
        ELSE cardinality(ARRAY(SELECT unnest(tsvector_to_array(c.search)) INTERSECT SELECT unnest(t.lexemes)))::float8 / cardinality(t.lexemes)
   END AS coverage,
   ${similarity} AS similarity,
   p.id AS qa_pair_id, p.question AS qa_question, p.answer AS qa_answer`;

export const PASSAGE_JOINS = `JOIN knowledge_sources s ON s.tenant_id = c.tenant_id AND s.id = c.source_id
       LEFT JOIN qa_pairs p ON p.tenant_id = c.tenant_id AND p.id = c.qa_pair_id
       CROSS JOIN terms t`;
