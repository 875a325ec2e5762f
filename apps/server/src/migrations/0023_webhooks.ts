import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Outbound webhooks: a workspace's endpoints (signing secrets encrypted, the previous one
 * kept for the rotation overlap) and one delivery row per event and endpoint, which is both
 * the retry queue (next_attempt_at, lease_until) and the delivery log.
 */
export const m0023: Migration = {
  id: '0023_webhooks',
  sql: `
CREATE TABLE webhook_endpoints (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  events jsonb NOT NULL DEFAULT '[]'::jsonb,
  enabled boolean NOT NULL DEFAULT true,
  secret_enc text NOT NULL,
  previous_secret_enc text,
  previous_secret_expires_at timestamptz,
  secret_rotated_at timestamptz,
  disabled_reason text,
  failing_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE webhook_deliveries (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  endpoint_id text NOT NULL,
  event_type text NOT NULL,
  event_key text,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivering', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  lease_until timestamptz,
  response_status integer,
  duration_ms integer,
  response_excerpt text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (tenant_id, endpoint_id, event_key);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (tenant_id, endpoint_id, id DESC);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, endpoint_id, next_attempt_at) WHERE status IN ('pending', 'delivering');
CREATE INDEX webhook_deliveries_age ON webhook_deliveries (tenant_id, created_at);
${tenantTableSql('webhook_endpoints')}
${tenantTableSql('webhook_deliveries')}
`,
};
