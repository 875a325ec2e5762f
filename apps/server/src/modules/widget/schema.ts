import {
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  index,
} from 'drizzle-orm/pg-core';
import type { WidgetConfig } from './config';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One agent's website widget: its publishable key, where it may run, how it looks and behaves. */
export const widgetSettings = pgTable(
  'widget_settings',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    publicKey: text('public_key').notNull(),
    allowedOrigins: text('allowed_origins').array().notNull().default([]),
    config: jsonb('config').$type<Partial<WidgetConfig>>().notNull().default({}),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agentId] }),
    uniqueIndex('widget_settings_public_key').on(t.tenantId, t.publicKey),
  ],
);

/** The workspace's identity-verification secret (encrypted; shown once when made). */
export const widgetIdentitySecrets = pgTable('widget_identity_secrets', {
  tenantId: text('tenant_id').notNull().primaryKey(),
  secretCiphertext: text('secret_ciphertext').notNull(),
  hint: text('hint').notNull(),
  createdBy: text('created_by'),
  rotatedAt: at('rotated_at').notNull().defaultNow(),
});

/** A file or image a visitor sent in a conversation, stored through platform/storage. */
export const widgetAttachments = pgTable(
  'widget_attachments',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    kind: text('kind', { enum: ['image', 'file'] }).notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('widget_attachments_conversation').on(t.tenantId, t.conversationId, t.createdAt),
  ],
);

/** The visitor's satisfaction rating of a closed conversation (one per conversation; a second replaces it). */
export const conversationRatings = pgTable(
  'conversation_ratings',
  {
    tenantId: text('tenant_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    agentId: text('agent_id').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.conversationId] }),
    index('conversation_ratings_agent').on(t.tenantId, t.agentId, t.createdAt),
  ],
);

export type WidgetSettingsRow = typeof widgetSettings.$inferSelect;
export type WidgetAttachmentRow = typeof widgetAttachments.$inferSelect;
