import { boolean, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export interface LeadNote {
  at: string;
  authorId: string | null;
  text: string;
}

export const leads = pgTable(
  'leads',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id'),
    agentId: text('agent_id'),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    consent: boolean('consent').notNull().default(false),
    source: text('source').notNull().default('chat'),
    status: text('status', { enum: ['new', 'contacted', 'qualified', 'lost'] }).notNull().default('new'),
    notes: jsonb('notes').$type<LeadNote[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type LeadRow = typeof leads.$inferSelect;
