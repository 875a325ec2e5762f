import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Custom actions: a workspace's HTTP endpoints the model may call as tools (secret header
 * values encrypted inside `headers`), and the calls that wait for the visitor's confirmation,
 * kept with the filled request so the widget can show them again after a reload.
 */
export const m0024: Migration = {
  id: '0024_actions',
  sql: `
CREATE TABLE actions (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  description text NOT NULL,
  input_schema jsonb NOT NULL,
  method text NOT NULL,
  url text NOT NULL,
  headers jsonb NOT NULL DEFAULT '[]'::jsonb,
  body_template text,
  keep jsonb NOT NULL DEFAULT '[]'::jsonb,
  max_response_bytes integer NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  requires_verified_visitor boolean NOT NULL DEFAULT false,
  requires_confirmation boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX actions_name ON actions (tenant_id, name);
CREATE TABLE action_confirmations (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  conversation_id text NOT NULL,
  action_id text NOT NULL,
  input jsonb NOT NULL,
  summary text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  result jsonb,
  reported_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, action_id) REFERENCES actions (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX action_confirmations_open ON action_confirmations (tenant_id, conversation_id) WHERE status = 'pending';
${tenantTableSql('actions')}
${tenantTableSql('action_confirmations')}
`,
};
