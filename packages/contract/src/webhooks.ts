import { z } from './z';

// Outbound webhooks (Standard Webhooks): endpoints, their delivery log, and the event catalog.

/** Every event a webhook endpoint can subscribe to; `*` in `events` means all of them. */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.closed',
  'conversation.reopened',
  'conversation.handoff_requested',
  'conversation.assigned',
  'takeover.started',
  'takeover.ended',
  'message.created',
  'lead.created',
  'lead.updated',
  'lead.deleted',
  'csat.submitted',
  'knowledge.source.ready',
  'knowledge.source.failed',
  'agent.published',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const eventName = z.union([z.enum(WEBHOOK_EVENT_TYPES), z.literal('*')]);

/** An http(s) address; whether it may be reached (no private addresses) is checked by the server. */
export const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'Keep the address under 2,000 characters')
  .url('Enter a full address, like https://example.com/hooks')
  .refine((value) => /^https?:\/\//i.test(value), 'Use an http:// or https:// address');

export const webhookEvents = z
  .array(eventName)
  .min(1, 'Pick at least one event, or "*" for all')
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .openapi({ description: 'Event types to send, or `["*"]` for every event' });

export const createWebhookInput = z
  .object({
    url: webhookUrl,
    events: webhookEvents,
    description: z.string().trim().max(500).optional().default(''),
    enabled: z.boolean().optional().default(true),
  })
  .strict();

export const updateWebhookInput = z
  .object({
    url: webhookUrl.optional(),
    events: webhookEvents.optional(),
    description: z.string().trim().max(500).optional(),
    enabled: z.boolean().optional().openapi({ description: 'Turning an endpoint back on clears why it was disabled' }),
  })
  .strict();

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({
      description: 'Why the server turned it off (`gone`: it answered 410; `failing`: it failed for days)',
    }),
    failingSince: z.string().nullable().openapi({ description: 'First failure of the current run of failures' }),
    secretRotatedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint');

export const WebhookResponse = z.object({ webhook: WebhookEndpointSchema });
export const WebhookListResponse = z.object({ webhooks: z.array(WebhookEndpointSchema) });
export const WebhookSecretResponse = z.object({
  webhook: WebhookEndpointSchema,
  secret: z.string().openapi({ description: 'The signing secret (`whsec_` + base64). Shown once.' }),
});

export const WebhookDeliverySchema = z
  .object({
    id: z.string().openapi({ description: 'The `webhook-id` header: the same on every attempt and resend' }),
    eventType: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

export const listWebhookDeliveriesInput = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().default(50),
  before: z
    .string()
    .trim()
    .max(60)
    .regex(/^evt_[0-9a-z]{26}$/, 'Not a delivery id')
    .optional()
    .openapi({ description: 'Deliveries older than this one (paging)' }),
});

export const WebhookDeliveryPageResponse = z.object({ deliveries: z.array(WebhookDeliverySchema) });
export const WebhookDeliveryResponse = z.object({ delivery: WebhookDeliverySchema });

export const deliveryParams = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
  deliveryId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

export const replayWebhookInput = z
  .object({
    since: z.coerce.date().openapi({
      type: 'string',
      format: 'date-time',
      description: 'Resend every delivery created since then (at most 30 days back)',
    }),
  })
  .strict();
export const ReplayResponse = z.object({ queued: z.number().int() });

// The payloads, one schema per event: `{ type, timestamp, data }` as the receiver gets it.

const by = z
  .object({ type: z.string(), id: z.string().nullable() })
  .openapi({ description: 'Who caused it: a user, an API key, a visitor, a channel or the system' });
const conversationRef = { conversationId: z.string(), agentId: z.string(), channel: z.string().nullable() };
const transition = z.object({
  ...conversationRef,
  from: z.string(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  previousAssigneeId: z.string().nullable(),
  by,
  reason: z.string().nullable(),
});

export const WEBHOOK_EVENT_DATA = {
  'conversation.created': z.object(conversationRef),
  'conversation.closed': transition,
  'conversation.reopened': transition,
  'conversation.handoff_requested': transition,
  'conversation.assigned': transition,
  'takeover.started': transition,
  'takeover.ended': transition,
  'message.created': z.object({
    ...conversationRef,
    messageId: z.string(),
    author: z.enum(['visitor', 'bot', 'person']),
    authorId: z.string().nullable(),
    text: z.string().openapi({ description: 'The message text (at most 10,000 characters)' }),
  }),
  'lead.created': z.object({
    leadId: z.string(),
    conversationId: z.string().nullable(),
    agentId: z.string().nullable(),
    source: z.string().nullable(),
  }),
  'lead.updated': z.object({
    leadId: z.string(),
    conversationId: z.string().nullable(),
    agentId: z.string().nullable(),
    changes: z.array(z.string()),
    status: z.string().nullable(),
  }),
  'lead.deleted': z.object({
    leadId: z.string(),
    conversationId: z.string().nullable(),
    agentId: z.string().nullable(),
  }),
  'csat.submitted': z.object({ conversationId: z.string(), agentId: z.string(), rating: z.number().int() }),
  'knowledge.source.ready': z.object({
    sourceId: z.string(),
    kind: z.string(),
    title: z.string(),
    chunkCount: z.number().int(),
  }),
  'knowledge.source.failed': z.object({
    sourceId: z.string(),
    kind: z.string(),
    title: z.string(),
    error: z.string(),
    keptLastGood: z.boolean(),
  }),
  'agent.published': z.object({
    agentId: z.string(),
    version: z.number().int(),
    previousVersion: z.number().int().nullable(),
    note: z.string().nullable(),
  }),
  'webhook.test': z.object({ webhookId: z.string(), message: z.string() }),
} as const satisfies Record<WebhookEventType, z.ZodType>;

/** The body of a delivery for one event type. */
export function webhookPayloadSchema<T extends WebhookEventType>(type: T) {
  return z.object({
    type: z.literal(type),
    timestamp: z.string().openapi({ description: 'When the event happened (ISO 8601)' }),
    data: WEBHOOK_EVENT_DATA[type],
  });
}

export interface WebhookPayload {
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
}
