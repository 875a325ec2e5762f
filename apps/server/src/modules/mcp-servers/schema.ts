import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

export interface McpToolRecord {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** A remote MCP server of a workspace. The token is a ciphertext of platform/crypto, never plain. */
export const mcpServers = pgTable(
  'mcp_servers',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    /** Prefixes its tools' names for the model (`<name>__<tool>`). */
    name: text('name').notNull(),
    url: text('url').notNull(),
    tokenEnc: text('token_enc'),
    /** The token's last characters, to show it masked. */
    tokenHint: text('token_hint'),
    tools: jsonb('tools').$type<McpToolRecord[]>().notNull().default([]),
    /** Agent id → names of the tools it may call. */
    agentTools: jsonb('agent_tools').$type<Record<string, string[]>>().notNull().default({}),
    toolsRefreshedAt: at('tools_refreshed_at'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type McpServerRow = typeof mcpServers.$inferSelect;
