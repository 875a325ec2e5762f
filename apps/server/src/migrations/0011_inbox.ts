import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Human hand-off and the inbox: who owns a conversation and why it went to a person, the
 * record of every transition, the workspace's hand-off settings (business hours, VIP rule,
 * auto-assignment), members' presence and capacity, internal notes, read markers (unread
 * counts) and canned responses.
 */
export const m0011: Migration = {
  id: '0011_inbox',
  sql: `
ALTER TABLE conversations
  ADD COLUMN assignee_id text,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN handoff_reason text,
  ADD COLUMN handoff_at timestamptz,
  ADD COLUMN routed_at timestamptz,
  ADD COLUMN ask_contact boolean NOT NULL DEFAULT false,
  ADD COLUMN unanswered_streak integer NOT NULL DEFAULT 0,
  ADD COLUMN closed_at timestamptz;
-- The inbox lists by latest activity (keyset pages on (updated_at, id)) and counts each
-- member's open conversations (capacity).
CREATE INDEX conversations_updated ON conversations (tenant_id, updated_at DESC, id DESC);
CREATE INDEX conversations_assignee ON conversations (tenant_id, assignee_id, status);

CREATE TABLE conversation_transitions (
  tenant_id text NOT NULL,
  id text NOT NULL,
  conversation_id text NOT NULL,
  event text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  assignee_id text,
  actor_type text NOT NULL,
  actor_id text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_transitions_conversation ON conversation_transitions (tenant_id, conversation_id, created_at);
${tenantTableSql('conversation_transitions')}

CREATE TABLE handoff_settings (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  settings jsonb NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
${tenantTableSql('handoff_settings')}

CREATE TABLE inbox_agents (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id text NOT NULL,
  status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
  last_seen_at timestamptz,
  capacity integer CHECK (capacity IS NULL OR capacity BETWEEN 0 AND 100),
  on_duty boolean NOT NULL DEFAULT true,
  last_assigned_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
${tenantTableSql('inbox_agents')}

CREATE TABLE inbox_notes (
  tenant_id text NOT NULL,
  id text NOT NULL,
  conversation_id text NOT NULL,
  author_id text,
  kind text NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'summary')),
  content text NOT NULL,
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inbox_notes_conversation ON inbox_notes (tenant_id, conversation_id, created_at);
CREATE UNIQUE INDEX inbox_notes_dedupe ON inbox_notes (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
${tenantTableSql('inbox_notes')}

CREATE TABLE inbox_reads (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  conversation_id text NOT NULL,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id, conversation_id),
  FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inbox_reads_conversation ON inbox_reads (tenant_id, conversation_id);
${tenantTableSql('inbox_reads')}

CREATE TABLE canned_responses (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  shortcut text NOT NULL,
  title text NOT NULL,
  content text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX canned_responses_shortcut ON canned_responses (tenant_id, lower(shortcut));
${tenantTableSql('canned_responses')}
`,
};
