import type { Migration } from '../platform/db/migrate';

/**
 * The language a source's text was detected in (ISO 639-1, or 'und' when too little text to
 * tell), so that sources the embedding model cannot read are searched by keywords only, and
 * the sources list says so. NULL: not detected yet (the embedding backfill detects it).
 * A partial index finds the chunks that still lack a vector of the current model quickly.
 */
export const m0018: Migration = {
  id: '0018_source_language',
  sql: `
ALTER TABLE knowledge_sources ADD COLUMN language text;
CREATE INDEX knowledge_chunks_embedding_model ON knowledge_chunks (tenant_id, embedding_model, source_id) WHERE staged_by IS NULL;
`,
};
