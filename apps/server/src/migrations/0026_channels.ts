import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Messaging channels. A platform's webhook names only a connection id, so the id is also
 * registered in `public_key_registry` (kind `channel`) to find its workspace; the workspace's
 * own row decides. Inbound updates are stored once per platform message id (a redelivery is
 * a conflict, not a second answer), a sender or thread maps to one conversation, and every
 * message going out is a row of the send queue, one per message.
 */
export const m0026: Migration = {
  id: '0026_channels',
  sql: `
ALTER TABLE public_key_registry DROP CONSTRAINT IF EXISTS public_key_registry_kind_check;
ALTER TABLE public_key_registry ADD CONSTRAINT public_key_registry_kind_check CHECK (kind IN ('widget', 'channel'));

CREATE TABLE channel_connections (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  type text NOT NULL CHECK (type IN ('telegram', 'whatsapp')),
  name text NOT NULL,
  agent_id text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  credentials_enc text NOT NULL,
  masked jsonb NOT NULL DEFAULT '{}'::jsonb,
  verify_token text,
  last_inbound_at timestamptz,
  last_outbound_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE channel_threads (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  connection_id text NOT NULL,
  thread_key text NOT NULL,
  conversation_id text NOT NULL,
  profile jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_inbound_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, connection_id, thread_key),
  FOREIGN KEY (tenant_id, connection_id) REFERENCES channel_connections (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX channel_threads_conversation ON channel_threads (tenant_id, conversation_id);
CREATE TABLE channel_inbound (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  connection_id text NOT NULL,
  external_id text NOT NULL,
  thread_key text NOT NULL,
  text text NOT NULL,
  profile jsonb NOT NULL DEFAULT '{}'::jsonb,
  processed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, connection_id) REFERENCES channel_connections (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX channel_inbound_once ON channel_inbound (tenant_id, connection_id, external_id);
CREATE TABLE channel_outbound (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  connection_id text NOT NULL,
  thread_key text NOT NULL,
  message_id text NOT NULL,
  text text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  parts_sent integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, connection_id) REFERENCES channel_connections (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX channel_outbound_once ON channel_outbound (tenant_id, message_id);
${tenantTableSql('channel_connections')}
${tenantTableSql('channel_threads')}
${tenantTableSql('channel_inbound')}
${tenantTableSql('channel_outbound')}
`,
};
