import type { Migration } from '../platform/db/migrate';

/**
 * Ingestion that cannot crash-loop: runs of a source started and never finished are
 * counted (two, and the source fails for good instead of being retried), and so are failed
 * syncs in a row (past a few, the sync schedule pauses). Chunks are written in short
 * transactions as staged rows of their run (`staged_by`), invisible to search until one short
 * transaction swaps them in: a large source no longer holds the (embedded, single) database
 * connection for the whole write.
 */
export const m0012: Migration = {
  id: '0012_ingest_guard',
  sql: `
ALTER TABLE knowledge_sources
  ADD COLUMN unfinished_runs integer NOT NULL DEFAULT 0,
  ADD COLUMN sync_failures integer NOT NULL DEFAULT 0;
ALTER TABLE knowledge_chunks ADD COLUMN staged_by text;
CREATE INDEX knowledge_chunks_staged ON knowledge_chunks (tenant_id, source_id, staged_by) WHERE staged_by IS NOT NULL;
`,
};
