import { CHANNEL_TYPES } from '@switchboard/contract/channels';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** The sender's profile as the platform gives it, kept as the visitor's identity. */
export interface ChannelProfile {
  name?: string;
  username?: string;
  phone?: string;
  /** The platform's id for the sender where it has no handle to show (Slack, Messenger, Instagram). */
  userId?: string;
}

/** A customer's file as the platform referenced it; `attachmentId` once it is stored. */
export interface ChannelMedia {
  kind: 'image' | 'document' | 'audio';
  /** Telegram's file_id, WhatsApp's media id. */
  ref: string;
  name?: string;
  mimeType?: string;
  attachmentId?: string;
  /** Why it could not be kept (too large, a refused type, the platform refused it). */
  error?: string;
}

/** A WhatsApp template message: its name, language and the body's variables in order. */
export interface ChannelTemplateSend {
  name: string;
  language: string;
  parameters: string[];
}

/** A workspace's account on a messaging platform. Credentials are a platform/crypto ciphertext. */
export const channelConnections = pgTable(
  'channel_connections',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    type: text('type', { enum: CHANNEL_TYPES }).notNull(),
    name: text('name').notNull(),
    agentId: text('agent_id').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    credentialsEnc: text('credentials_enc').notNull(),
    /** What the dashboard shows of each credential (its last characters). */
    masked: jsonb('masked').$type<Record<string, string>>().notNull().default({}),
    /** WhatsApp's subscription check: pasted on Meta's side, so it is shown, not hidden. */
    verifyToken: text('verify_token'),
    lastInboundAt: at('last_inbound_at'),
    lastOutboundAt: at('last_outbound_at'),
    lastError: text('last_error'),
    lastErrorAt: at('last_error_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A sender (or chat, or thread) of a connection, and the conversation it talks in. */
export const channelThreads = pgTable(
  'channel_threads',
  {
    tenantId: text('tenant_id').notNull(),
    connectionId: text('connection_id').notNull(),
    threadKey: text('thread_key').notNull(),
    conversationId: text('conversation_id').notNull(),
    profile: jsonb('profile').$type<ChannelProfile>().notNull().default({}),
    /** WhatsApp's customer-service window runs from the customer's last message. */
    lastInboundAt: at('last_inbound_at').notNull().defaultNow(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.connectionId, t.threadKey] })],
);

/** An inbound message, stored before it is acknowledged; one per platform message id. */
export const channelInbound = pgTable(
  'channel_inbound',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    connectionId: text('connection_id').notNull(),
    externalId: text('external_id').notNull(),
    threadKey: text('thread_key').notNull(),
    text: text('text').notNull(),
    profile: jsonb('profile').$type<ChannelProfile>().notNull().default({}),
    /** A file the customer sent: the platform's reference, then the attachment it became. */
    media: jsonb('media').$type<ChannelMedia>(),
    processedAt: at('processed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A message to send to a platform: the send queue, one row per conversation message. */
export const channelOutbound = pgTable(
  'channel_outbound',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    connectionId: text('connection_id').notNull(),
    threadKey: text('thread_key').notNull(),
    messageId: text('message_id').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    /** Parts of a long message already delivered: a retry sends the rest, not all again. */
    partsSent: integer('parts_sent').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    error: text('error'),
    /** A WhatsApp template to send instead of the text (outside the 24-hour window). */
    template: jsonb('template').$type<ChannelTemplateSend>(),
    /** A file a person sent from the inbox, sent as the platform's document or photo. */
    attachmentId: text('attachment_id'),
    /** The platform's id for what was sent: statuses it reports later name it. */
    platformMessageId: text('platform_message_id'),
    delivery: text('delivery', { enum: ['sent', 'delivered', 'read', 'failed'] }),
    deliveryAt: at('delivery_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type ChannelConnectionRow = typeof channelConnections.$inferSelect;
export type ChannelThreadRow = typeof channelThreads.$inferSelect;
export type ChannelInboundRow = typeof channelInbound.$inferSelect;
export type ChannelOutboundRow = typeof channelOutbound.$inferSelect;
