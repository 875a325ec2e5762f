import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Analytics rollups. `analytics_conversations` holds one row of facts per conversation
 * (recomputed from the conversation's own rows whenever one of its events commits, so applying
 * an event twice changes nothing), small enough to take medians from; `analytics_daily` sums
 * those facts per local day, agent and channel, so a summary or a time series reads a few
 * hundred rows instead of the messages.
 */
export const m0027: Migration = {
  id: '0027_analytics',
  sql: `
CREATE TABLE analytics_conversations (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id text NOT NULL,
  agent_id text NOT NULL,
  channel text NOT NULL,
  day date NOT NULL,
  started_at timestamptz NOT NULL,
  visitor_messages integer NOT NULL DEFAULT 0,
  bot_messages integer NOT NULL DEFAULT 0,
  human_messages integer NOT NULL DEFAULT 0,
  handoff_cause text,
  handed_off_at timestamptz,
  first_response_seconds integer,
  resolution_seconds integer,
  bot_resolved boolean NOT NULL DEFAULT false,
  unanswered integer NOT NULL DEFAULT 0,
  csat smallint,
  feedback_up integer NOT NULL DEFAULT 0,
  feedback_down integer NOT NULL DEFAULT 0,
  leads integer NOT NULL DEFAULT 0,
  tokens_in bigint NOT NULL DEFAULT 0,
  tokens_out bigint NOT NULL DEFAULT 0,
  cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
  latency_hist integer[] NOT NULL DEFAULT '{}',
  first_question text,
  question_key text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX analytics_conversations_day ON analytics_conversations (tenant_id, day, agent_id, channel);
CREATE TABLE analytics_daily (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day date NOT NULL,
  agent_id text NOT NULL,
  channel text NOT NULL,
  conversations integer NOT NULL DEFAULT 0,
  visitor_messages integer NOT NULL DEFAULT 0,
  bot_messages integer NOT NULL DEFAULT 0,
  human_messages integer NOT NULL DEFAULT 0,
  bot_resolved integer NOT NULL DEFAULT 0,
  handed_off integer NOT NULL DEFAULT 0,
  handoffs jsonb NOT NULL DEFAULT '{}'::jsonb,
  unanswered_conversations integer NOT NULL DEFAULT 0,
  unanswered_questions integer NOT NULL DEFAULT 0,
  csat_count integer NOT NULL DEFAULT 0,
  csat_sum integer NOT NULL DEFAULT 0,
  csat_dist integer[] NOT NULL DEFAULT '{0,0,0,0,0}',
  feedback_up integer NOT NULL DEFAULT 0,
  feedback_down integer NOT NULL DEFAULT 0,
  leads integer NOT NULL DEFAULT 0,
  lead_conversations integer NOT NULL DEFAULT 0,
  tokens_in bigint NOT NULL DEFAULT 0,
  tokens_out bigint NOT NULL DEFAULT 0,
  cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
  latency_hist integer[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, day, agent_id, channel)
);
${tenantTableSql('analytics_conversations')}
${tenantTableSql('analytics_daily')}
`,
};
