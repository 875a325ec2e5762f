import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Answer feedback (one thumbs up or down per answer and rater, changeable), the review queue's
 * marks (an answer or a hand-off looked at, dismissed or corrected with a Q&A pair), and
 * evaluation sets: questions per agent, runs with their results, and the publish threshold.
 */
export const m0021: Migration = {
  id: '0021_feedback_evaluations',
  sql: `
CREATE TABLE answer_feedback (
  tenant_id text NOT NULL,
  id text NOT NULL,
  conversation_id text NOT NULL,
  message_id text NOT NULL,
  agent_id text NOT NULL,
  rater text NOT NULL,
  rating text NOT NULL CHECK (rating IN ('up', 'down')),
  comment text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX answer_feedback_rater ON answer_feedback (tenant_id, message_id, rater);
CREATE INDEX answer_feedback_down ON answer_feedback (tenant_id, updated_at DESC) WHERE rating = 'down';
${tenantTableSql('answer_feedback')}

CREATE TABLE review_marks (
  tenant_id text NOT NULL,
  item_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('reviewed', 'dismissed')),
  qa_pair_id text,
  reviewed_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, item_id)
);
${tenantTableSql('review_marks')}

CREATE TABLE evaluation_cases (
  tenant_id text NOT NULL,
  id text NOT NULL,
  agent_id text NOT NULL,
  question text NOT NULL,
  facts jsonb NOT NULL DEFAULT '[]',
  source_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX evaluation_cases_agent ON evaluation_cases (tenant_id, agent_id, created_at);
${tenantTableSql('evaluation_cases')}

CREATE TABLE evaluation_runs (
  tenant_id text NOT NULL,
  id text NOT NULL,
  agent_id text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  draft jsonb NOT NULL,
  draft_updated_at timestamptz NOT NULL,
  live_version integer,
  total integer NOT NULL DEFAULT 0,
  completed integer NOT NULL DEFAULT 0,
  draft_passed integer NOT NULL DEFAULT 0,
  live_passed integer,
  results jsonb NOT NULL DEFAULT '[]',
  error text,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX evaluation_runs_agent ON evaluation_runs (tenant_id, agent_id, created_at DESC);
${tenantTableSql('evaluation_runs')}

CREATE TABLE evaluation_settings (
  tenant_id text NOT NULL,
  agent_id text NOT NULL,
  block_publish_below integer,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agent_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
${tenantTableSql('evaluation_settings')}
`,
};
