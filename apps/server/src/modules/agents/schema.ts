import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { AgentConfig } from '@switchboard/contract/agents';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const agents = pgTable(
  'agents',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'paused', 'archived'] })
      .notNull()
      .default('active'),
    draft: jsonb('draft').$type<AgentConfig>().notNull(),
    draftUpdatedAt: at('draft_updated_at').notNull().defaultNow(),
    publishedVersion: integer('published_version'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const agentVersions = pgTable(
  'agent_versions',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    version: integer('version').notNull(),
    config: jsonb('config').$type<AgentConfig>().notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agentId, t.version] })],
);

export type AgentRow = typeof agents.$inferSelect;
export type AgentVersionRow = typeof agentVersions.$inferSelect;
