import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Agents with immutable numbered versions, tenant model credentials (encrypted), and the
 * conversations, messages and usage rollups of the chat engine.
 */
export const m0003: Migration = {
  id: '0003_agents_chat',
  sql: `
CREATE TABLE agents (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
  draft jsonb NOT NULL,
  draft_updated_at timestamptz NOT NULL DEFAULT now(),
  published_version integer,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX agents_status ON agents (tenant_id, status);
${tenantTableSql('agents')}

CREATE TABLE agent_versions (
  tenant_id text NOT NULL,
  agent_id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  config jsonb NOT NULL,
  note text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agent_id, version),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
${tenantTableSql('agent_versions')}

-- A workspace's own model provider keys, encrypted with AES-256-GCM (associated data binds
-- each ciphertext to its tenant and row).
CREATE TABLE provider_credentials (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('openai', 'anthropic', 'google', 'openai-compatible')),
  label text NOT NULL,
  base_url text,
  api_key_enc text,
  key_hint text,
  last_tested_at timestamptz,
  last_test_ok boolean,
  last_test_message text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
${tenantTableSql('provider_credentials')}

CREATE TABLE conversations (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  agent_id text NOT NULL,
  agent_version integer NOT NULL,
  channel text NOT NULL,
  visitor_id text,
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'pending_human', 'human', 'closed')),
  title text,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  message_count integer NOT NULL DEFAULT 0,
  last_message_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id)
);
CREATE INDEX conversations_recent ON conversations (tenant_id, last_message_at DESC NULLS LAST);
CREATE INDEX conversations_agent ON conversations (tenant_id, agent_id, created_at DESC);
CREATE INDEX conversations_status ON conversations (tenant_id, status, last_message_at DESC NULLS LAST);
CREATE INDEX conversations_visitor ON conversations (tenant_id, visitor_id);
${tenantTableSql('conversations')}

CREATE TABLE messages (
  tenant_id text NOT NULL,
  id text NOT NULL,
  conversation_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant', 'human', 'system')),
  content text NOT NULL,
  status text NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'streaming', 'interrupted', 'error')),
  citations jsonb NOT NULL DEFAULT '[]'::jsonb,
  tool_calls jsonb NOT NULL DEFAULT '[]'::jsonb,
  model text,
  tokens_in integer NOT NULL DEFAULT 0,
  tokens_out integer NOT NULL DEFAULT 0,
  cost_usd numeric(12, 6) NOT NULL DEFAULT 0,
  latency_ms integer,
  first_token_ms integer,
  error text,
  idempotency_key text,
  reply_to text,
  author_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_conversation ON messages (tenant_id, conversation_id, created_at, id);
CREATE UNIQUE INDEX messages_idempotency ON messages (tenant_id, conversation_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX messages_reply ON messages (tenant_id, reply_to) WHERE reply_to IS NOT NULL;
${tenantTableSql('messages')}

-- Tokens and cost per workspace, month and agent (updated in the message's transaction).
CREATE TABLE usage_monthly (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month date NOT NULL,
  agent_id text NOT NULL,
  messages integer NOT NULL DEFAULT 0,
  tokens_in bigint NOT NULL DEFAULT 0,
  tokens_out bigint NOT NULL DEFAULT 0,
  cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, month, agent_id)
);
${tenantTableSql('usage_monthly')}
`,
};
