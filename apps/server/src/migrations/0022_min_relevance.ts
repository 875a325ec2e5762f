import type { Migration } from '../platform/db/migrate';

/**
 * An agent's minimum relevance (knowledge.minScore) now filters on an absolute relevance (see
 * modules/knowledge/relevance.ts). Its old default, 0, was a share of a reciprocal-rank score
 * scaled to each search's best passage and filtered nothing; kept, it would let passages that
 * share a single word with the question into answers. Drafts and versions still at 0 take the
 * new default, 0.25 (the retrieval benchmark's choice when this shipped); other values were
 * someone's choice and stay.
 */
export const RAISE_MIN_RELEVANCE_SQL = `
UPDATE agents SET draft = jsonb_set(draft, '{knowledge,minScore}', '0.25')
 WHERE jsonb_typeof(draft->'knowledge'->'minScore') = 'number' AND (draft->'knowledge'->>'minScore')::float8 = 0;
UPDATE agent_versions SET config = jsonb_set(config, '{knowledge,minScore}', '0.25')
 WHERE jsonb_typeof(config->'knowledge'->'minScore') = 'number' AND (config->'knowledge'->>'minScore')::float8 = 0;
`;

export const m0022: Migration = { id: '0022_min_relevance', sql: RAISE_MIN_RELEVANCE_SQL };
