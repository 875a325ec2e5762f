import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Scheduled analytics reports and their send log, and idle conversations as resolved.
 * A send is keyed by its report and period (`UNIQUE (tenant_id, report_id, period)`), so two
 * workers finding the same report due insert one send between them: the loser's insert does
 * nothing and it queues no mail. `idle_due_at` is when a conversation nobody from the team
 * touched counts as resolved if nothing else happens; a partial index lets the sweep find the
 * ones past due without scanning the facts.
 */
export const m0032: Migration = {
  id: '0032_analytics_reports',
  sql: `
CREATE TABLE analytics_reports (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  metrics text[] NOT NULL,
  recipients text[] NOT NULL,
  unsubscribed text[] NOT NULL DEFAULT '{}',
  language text NOT NULL DEFAULT 'en',
  agent_id text,
  enabled boolean NOT NULL DEFAULT true,
  created_by text,
  last_sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE analytics_report_sends (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  report_id text NOT NULL,
  period text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  range_from date NOT NULL,
  range_to date NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  recipients text[] NOT NULL DEFAULT '{}',
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, report_id, period),
  FOREIGN KEY (tenant_id, report_id) REFERENCES analytics_reports (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX analytics_report_sends_log ON analytics_report_sends (tenant_id, report_id, created_at DESC);
ALTER TABLE analytics_conversations ADD COLUMN idle_due_at timestamptz;
CREATE INDEX analytics_conversations_idle_due ON analytics_conversations (tenant_id, idle_due_at)
  WHERE idle_due_at IS NOT NULL AND NOT bot_resolved;
${tenantTableSql('analytics_reports')}
${tenantTableSql('analytics_report_sends')}
`,
};
