import { platformTableSql, tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * The website widget: per-agent settings with a publishable key, the workspace's identity
 * verification secret, visitors' attachments and satisfaction ratings. A publishable key arrives
 * before anything says which tenant it belongs to, so `public_key_registry` (a platform table,
 * like `tenants`) routes it to its workspace; the tenant row is what decides (see modules/widget).
 */
export const m0010: Migration = {
  id: '0010_widget',
  sql: `
CREATE TABLE public_key_registry (
  public_key text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('widget')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX public_key_registry_workspace ON public_key_registry (workspace_id);
${platformTableSql('public_key_registry')}

CREATE TABLE widget_settings (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agent_id text NOT NULL,
  public_key text NOT NULL,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agent_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX widget_settings_public_key ON widget_settings (tenant_id, public_key);
${tenantTableSql('widget_settings')}

CREATE TABLE widget_identity_secrets (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  secret_ciphertext text NOT NULL,
  hint text NOT NULL,
  created_by text,
  rotated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
${tenantTableSql('widget_identity_secrets')}

CREATE TABLE widget_attachments (
  tenant_id text NOT NULL,
  id text NOT NULL,
  conversation_id text NOT NULL,
  visitor_id text NOT NULL,
  name text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  media_type text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('image', 'file')),
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX widget_attachments_conversation ON widget_attachments (tenant_id, conversation_id, created_at);
${tenantTableSql('widget_attachments')}

CREATE TABLE conversation_ratings (
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  agent_id text NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, conversation_id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_ratings_agent ON conversation_ratings (tenant_id, agent_id, created_at DESC);
${tenantTableSql('conversation_ratings')}
`,
};
