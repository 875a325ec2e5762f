import { tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Remote MCP servers a workspace connects: the address, the bearer token encrypted (with its
 * last characters kept apart to show it masked), the tools found by the last refresh, and
 * which of them each agent may call (agent id → tool names; an agent absent calls none).
 */
export const m0025: Migration = {
  id: '0025_mcp',
  sql: `
CREATE TABLE mcp_servers (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  url text NOT NULL,
  token_enc text,
  token_hint text,
  tools jsonb NOT NULL DEFAULT '[]'::jsonb,
  agent_tools jsonb NOT NULL DEFAULT '{}'::jsonb,
  tools_refreshed_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX mcp_servers_name ON mcp_servers (tenant_id, lower(name));
${tenantTableSql('mcp_servers')}
`,
};
