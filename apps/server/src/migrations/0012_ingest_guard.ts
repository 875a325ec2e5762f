import type { Migration } from '../platform/db/migrate';

/**
 * Ingestion that cannot crash-loop: runs of a source started and never finished are
 * counted (two, and the source fails for good instead of being retried), and so are failed
 * syncs in a row (past a few, the sync schedule pauses).
 */
export const m0012: Migration = {
  id: '0012_ingest_guard',
  sql: `
ALTER TABLE knowledge_sources
  ADD COLUMN unfinished_runs integer NOT NULL DEFAULT 0,
  ADD COLUMN sync_failures integer NOT NULL DEFAULT 0;
`,
};
