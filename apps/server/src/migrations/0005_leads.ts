import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/** Leads captured in conversations (the agent's capture-lead tool, the widget's form). */
export const m0005: Migration = {
  id: '0005_leads',
  sql: `
CREATE TABLE leads (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  conversation_id text,
  agent_id text,
  name text,
  email text,
  phone text,
  fields jsonb NOT NULL DEFAULT '{}'::jsonb,
  consent boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT 'chat',
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'qualified', 'lost')),
  notes jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX leads_recent ON leads (tenant_id, created_at DESC);
CREATE INDEX leads_status ON leads (tenant_id, status, created_at DESC);
CREATE INDEX leads_conversation ON leads (tenant_id, conversation_id);
${tenantTableSql('leads')}
`,
};
