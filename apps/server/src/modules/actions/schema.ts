import type { ACTION_METHODS } from '@switchboard/contract/actions';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One header as stored: a secret's value only as a platform/crypto ciphertext. */
export interface StoredHeader {
  name: string;
  secret: boolean;
  value?: string;
  valueEnc?: string;
  hint?: string;
}

/** A workspace's HTTP endpoint the model may call as a tool named `name`. */
export const actions = pgTable(
  'actions',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    inputSchema: jsonb('input_schema').$type<Record<string, unknown>>().notNull(),
    method: text('method').$type<(typeof ACTION_METHODS)[number]>().notNull(),
    url: text('url').notNull(),
    headers: jsonb('headers').$type<StoredHeader[]>().notNull().default([]),
    bodyTemplate: text('body_template'),
    keep: jsonb('keep').$type<string[]>().notNull().default([]),
    maxResponseBytes: integer('max_response_bytes').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    requiresVerifiedVisitor: boolean('requires_verified_visitor').notNull().default(false),
    requiresConfirmation: boolean('requires_confirmation').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A call the model asked for that waits for the visitor's Confirm or Cancel. */
export const actionConfirmations = pgTable(
  'action_confirmations',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id').notNull(),
    actionId: text('action_id').notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    /** What will happen, in words the visitor reads (method and filled URL, no secrets). */
    summary: text('summary').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'cancelled'] })
      .notNull()
      .default('pending'),
    createdAt: at('created_at').notNull().defaultNow(),
    decidedAt: at('decided_at'),
    /** What the call returned (status, kept output or error), once confirmed and run. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** When the model was told the outcome (the visitor's next turn). */
    reportedAt: at('reported_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type ActionRow = typeof actions.$inferSelect;
export type ActionConfirmationRow = typeof actionConfirmations.$inferSelect;
