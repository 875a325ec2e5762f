import { WEBHOOK_DELIVERY_STATUSES } from '@switchboard/contract/webhooks';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A workspace's webhook endpoint. Secrets are ciphertexts of platform/crypto, never plain. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Event types, or `*`. */
    events: jsonb('events').$type<string[]>().notNull().default([]),
    enabled: boolean('enabled').notNull().default(true),
    secretEnc: text('secret_enc').notNull(),
    /** The secret before the last rotation: still signed with until it expires. */
    previousSecretEnc: text('previous_secret_enc'),
    previousSecretExpiresAt: at('previous_secret_expires_at'),
    secretRotatedAt: at('secret_rotated_at'),
    /** `gone` (410) or `failing` (days of failures) when the server turned it off. */
    disabledReason: text('disabled_reason'),
    failingSince: at('failing_since'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One event for one endpoint: the retry queue and the delivery log in one row. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    tenantId: text('tenant_id').notNull(),
    /** The `webhook-id` header, the same on every attempt. */
    id: text('id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventType: text('event_type').notNull(),
    /** What made it (the fan-out job): a fan-out that runs twice adds no second delivery. */
    eventKey: text('event_key'),
    /** The exact bytes sent (and signed), so every attempt carries the same body. */
    body: text('body').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    /** While an attempt runs: past it, the attempt's process is presumed dead. */
    leaseUntil: at('lease_until'),
    responseStatus: integer('response_status'),
    durationMs: integer('duration_ms'),
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    createdAt: at('created_at').notNull().defaultNow(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
