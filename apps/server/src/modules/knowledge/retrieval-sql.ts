/** The SQL of knowledge retrieval: full-text candidates and the passage columns (see retrieve.ts). */

/** Each list contributes at most this many candidates to the fusion. */
export const CANDIDATES = 40;

/** Loose (any-word) matches ranked per query at most: bounds the work for very common words. */
const LOOSE_SAMPLE = 2000;

/**
 * The full-text candidates as CTEs ending in `found (id, pos)`, best first; parameters $1
 * text search config, $2 the question, $3 source ids or null, $4 the tenant, $5 the question's
 * term groups (question-terms.ts).
 *
 * websearch_to_tsquery parses quotes, "or" and "-". Passages holding every word (strict)
 * rank first; only when they are too few, passages holding some of them or their synonyms
 * (any word of any term group), so a natural question still finds a passage that words it
 * differently; of
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
     q AS (SELECT replace(plainto_tsquery($1::regconfig, array_to_string($5::text[], ' '))::text, ' & ', ' | ')::tsquery AS loose),
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
  relevance: number;
  similarity: number | null;
  qa_pair_id: string | null;
  qa_question: string | null;
  qa_answer: string | null;
}

/**
 * The question's term groups with their weights, as CTE `groups (lx, idf)`: each group's
 * stemmed words and its inverse document frequency in the workspace (BM25's), so a rare word
 * ("PayPal", "zipper") counts for more of the question than a common one ("order"). Document
 * frequencies are counted up to 1,000 chunks each (a bound on the work; past it a word is common
 * anyway). Parameters: config, term groups, tenant.
 */
export const termGroups = (config: string, groups: string, tenant: string) =>
  `groups AS (
     SELECT raw.ex, raw.lx, ln(1 + (greatest(n.total, d.df) - d.df + 0.5) / (d.df + 0.5)) AS idf
       FROM (SELECT DISTINCT tsvector_to_array(to_tsvector(${config}::regconfig, CASE WHEN left(g, 1) = '*' THEN g ELSE split_part(g, '|', 1) END)) AS ex,
                             tsvector_to_array(to_tsvector(${config}::regconfig, g)) AS lx
               FROM unnest(${groups}::text[]) g) raw
       CROSS JOIN (SELECT greatest(coalesce(sum(chunk_count), 0), 1)::float8 AS total FROM knowledge_sources WHERE tenant_id = ${tenant}) n
       CROSS JOIN LATERAL (
         SELECT count(*)::float8 AS df FROM (
           SELECT 1 FROM knowledge_chunks k
            WHERE k.tenant_id = ${tenant} AND k.staged_by IS NULL
              AND k.search @@ array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(raw.lx) l), ' | ')::tsquery
            LIMIT 1000) m) d
      WHERE cardinality(raw.lx) > 0)`;

/** How much a question word met only by a synonym counts, against the word itself. */
export const SYNONYM_WEIGHT = 0.7;

const weighted = (lexemes: string) =>
  `(SELECT coalesce(sum(g.idf * CASE WHEN g.ex && ${lexemes} THEN 1 WHEN g.lx && ${lexemes} THEN ${SYNONYM_WEIGHT} ELSE 0 END) / nullif(sum(g.idf), 0), 0) FROM groups g)`;

/**
 * A passage's lexical features against `groups`: `coverage`, the share of the question's
 * groups it holds; `wcov`, the same weighted by idf (and SYNONYM_WEIGHT where only a synonym
 * meets the word); `hcov`, the same for its heading (weight A of the search vector: a section's
 * heading path, a Q&A pair's question).
 */
export const LEXICAL_COLUMNS = `
   (SELECT coalesce(count(*) FILTER (WHERE g.lx && tsvector_to_array(c.search))::float8 / nullif(count(*), 0), 0) FROM groups g) AS coverage,
   ${weighted('tsvector_to_array(c.search)')} AS wcov,
   ${weighted(`ARRAY(SELECT v.lexeme FROM unnest(c.search) v WHERE 'A' = ANY(v.weights::text[]))`)} AS hcov`;

export const passageColumns = (similarity: string) =>
  `c.id, c.source_id, s.title AS source_title, s.kind AS source_kind, c.text, c.heading, c.page, c.anchor, c.url,
   ${similarity} AS similarity,
   p.id AS qa_pair_id, p.question AS qa_question, p.answer AS qa_answer`;

export const PASSAGE_JOINS = `JOIN knowledge_sources s ON s.tenant_id = c.tenant_id AND s.id = c.source_id
       LEFT JOIN qa_pairs p ON p.tenant_id = c.tenant_id AND p.id = c.qa_pair_id`;
