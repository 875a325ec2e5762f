import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Knowledge: sources (files, pages, sites, text, Q&A), their chunks with a weighted full-text
 * vector (and an embedding where pgvector exists), curated Q&A pairs, and the questions no
 * source answered. btree_gin lets the full-text index lead with tenant_id like every other.
 */
export const m0004: Migration = {
  id: '0004_knowledge',
  sql: `
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE knowledge_sources (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('file', 'url', 'website', 'text', 'qa')),
  title text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
  stage text,
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error text,
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  file jsonb,
  content_hash text,
  chunk_count integer NOT NULL DEFAULT 0,
  token_count integer NOT NULL DEFAULT 0,
  ts_config text NOT NULL DEFAULT 'english',
  sync_interval_hours integer,
  last_synced_at timestamptz,
  next_sync_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX knowledge_sources_status ON knowledge_sources (tenant_id, status);
CREATE INDEX knowledge_sources_sync ON knowledge_sources (tenant_id, next_sync_at) WHERE next_sync_at IS NOT NULL;
${tenantTableSql('knowledge_sources')}

CREATE TABLE knowledge_chunks (
  tenant_id text NOT NULL,
  id text NOT NULL,
  source_id text NOT NULL,
  ordinal integer NOT NULL,
  text text NOT NULL,
  heading text NOT NULL DEFAULT '',
  page integer,
  anchor text,
  url text,
  tokens integer NOT NULL DEFAULT 0,
  content_hash text NOT NULL,
  qa_pair_id text,
  ts_config regconfig NOT NULL DEFAULT 'english',
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(ts_config, heading), 'A') || setweight(to_tsvector(ts_config, text), 'B')
  ) STORED,
  embedding_model text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES knowledge_sources (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX knowledge_chunks_source ON knowledge_chunks (tenant_id, source_id, ordinal);
CREATE INDEX knowledge_chunks_hash ON knowledge_chunks (tenant_id, content_hash);
CREATE INDEX knowledge_chunks_search ON knowledge_chunks USING gin (tenant_id, search);
${tenantTableSql('knowledge_chunks')}

-- Row-level security lets an index evaluate only LEAKPROOF operators before the tenant
-- policy: without this, "search @@ query" can never use the GIN index and every search
-- scans the table. ts_match_vq cannot fail or reveal anything about a row it is not given.
-- Needs a superuser (PGlite, a self-managed server); elsewhere a DBA can run it once.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: run ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF as one for indexed full-text search';
  END IF;
END $$;

-- Embeddings only where the server has pgvector (PGlite always does). The HNSW index is made
-- at start-up for the configured dimension (see knowledge/vector-index.ts).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE knowledge_chunks ADD COLUMN embedding vector;
  END IF;
END $$;

CREATE TABLE qa_pairs (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  source_id text NOT NULL,
  question text NOT NULL,
  answer text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES knowledge_sources (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX qa_pairs_source ON qa_pairs (tenant_id, source_id);
${tenantTableSql('qa_pairs')}

-- Questions retrieval found nothing for: grouped by similarity in the dashboard.
CREATE TABLE knowledge_gaps (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  agent_id text,
  question text NOT NULL,
  normalized text NOT NULL,
  conversation_id text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'dismissed')),
  qa_pair_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX knowledge_gaps_open ON knowledge_gaps (tenant_id, status, created_at DESC);
${tenantTableSql('knowledge_gaps')}
`,
};
