import { LEAD_STATUSES, type LeadStatus } from '@switchboard/contract/leads';
import { boolean, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export { LEAD_STATUSES, type LeadStatus };

const at = (name: string) => timestamp(name, { withTimezone: true });

/** At most one lead per conversation (unique index): a second capture updates it. */
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
    /** Custom form fields and what the agent noted, by field key. */
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    consent: boolean('consent').notNull().default(false),
    /** The consent sentence the visitor agreed to, as the form showed it. */
    consentText: text('consent_text'),
    consentAt: at('consent_at'),
    /** `agent` (the chat tool), `form` (the widget's form), or what an integration says. */
    source: text('source').notNull().default('chat'),
    status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const leadNotes = pgTable(
  'lead_notes',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    leadId: text('lead_id').notNull(),
    authorType: text('author_type').notNull(),
    authorId: text('author_id'),
    /** Who wrote it, as shown then (an email, an API key id), kept if the person leaves. */
    authorLabel: text('author_label').notNull(),
    text: text('text').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type LeadRow = typeof leads.$inferSelect;
export type LeadNoteRow = typeof leadNotes.$inferSelect;
