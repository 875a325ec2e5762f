import { APP_ROLE, TENANT_SETTING } from '../platform/db/roles';
import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Plan enforcement. `plan_settings` holds what a workspace decides about its limits (what
 * happens when the monthly message allowance is used up); `plan_limit_notices` remembers which
 * 80 % / 100 % mails were sent, so each goes once per month, limit and threshold (the unique
 * key decides between concurrent senders). `current_workspace_plan` lets a tenant transaction
 * read its own workspace's plan (tenants and plans are platform tables): a limit is checked in
 * the creating transaction against the plan as it is at that moment, on every process.
 */
export const m0033: Migration = {
  id: '0033_plan_limits',
  sql: `
CREATE TABLE plan_settings (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  limit_behaviour text NOT NULL DEFAULT 'notice' CHECK (limit_behaviour IN ('notice', 'overage')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
${tenantTableSql('plan_settings')}

CREATE TABLE plan_limit_notices (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  limit_name text NOT NULL,
  threshold smallint NOT NULL CHECK (threshold IN (80, 100)),
  period text NOT NULL,
  used numeric NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, limit_name, threshold, period)
);
${tenantTableSql('plan_limit_notices')}

-- The month's answers, counted in the workspace's time zone (allowance.ts reads it every 30 s).
CREATE INDEX messages_answered_at ON messages (tenant_id, created_at) WHERE role = 'assistant' AND latency_ms IS NOT NULL;

CREATE VIEW current_workspace_plan AS
  SELECT p.id, p.name, p.limits, p.features
    FROM tenants t JOIN plans p ON p.id = t.plan
   WHERE t.id = current_setting('${TENANT_SETTING}', true);
GRANT SELECT ON current_workspace_plan TO ${APP_ROLE};
`,
};
