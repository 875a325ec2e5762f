import type { z } from 'zod';
import type { WebhookDeliverySchema, WebhookEndpointSchema } from '@switchboard/contract/webhooks';
import type { WebhookDeliveryRow, WebhookEndpointRow } from './schema';

export type WebhookView = z.infer<typeof WebhookEndpointSchema>;
export type WebhookDeliveryView = z.infer<typeof WebhookDeliverySchema>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function webhookView(row: WebhookEndpointRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    secretRotatedAt: iso(row.secretRotatedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function deliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
  };
}
