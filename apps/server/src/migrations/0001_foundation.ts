import { APP_ROLE, PLATFORM_ROLE } from '../platform/db/roles';
import { createRoleSql, platformTableSql, tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

export const m0001: Migration = {
  id: '0001_foundation',
  sql: `
${createRoleSql(APP_ROLE)}
${createRoleSql(PLATFORM_ROLE)}
GRANT USAGE ON SCHEMA public TO ${APP_ROLE}, ${PLATFORM_ROLE};

-- pgvector where the server has it (PGlite always does); retrieval falls back to full text.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
  END IF;
END $$;

-- Platform: the tenants registry.
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  slug text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleting')),
  plan text NOT NULL DEFAULT 'free',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
${platformTableSql('tenants')}

-- Platform: installation-wide settings (e.g. the fingerprint of SECRET_KEY).
CREATE TABLE platform_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
${platformTableSql('platform_settings')}

-- Tenant: the transactional outbox. Written in the same transaction as the change it
-- announces; drained into the event bus after commit.
CREATE TABLE events_outbox (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_outbox_unpublished ON events_outbox (tenant_id, id) WHERE published_at IS NULL;
CREATE INDEX events_outbox_published ON events_outbox (tenant_id, published_at) WHERE published_at IS NOT NULL;
${tenantTableSql('events_outbox')}
`,
};
