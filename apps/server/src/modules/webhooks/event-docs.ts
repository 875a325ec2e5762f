import { WEBHOOK_EVENT_TYPES, webhookPayloadSchema, type WebhookEventType } from '@switchboard/contract/webhooks';
import type { App } from '../../platform/http/env';

const SUMMARIES: Record<WebhookEventType, string> = {
  'conversation.created': 'A conversation started',
  'conversation.closed': 'A conversation was closed',
  'conversation.reopened': 'A closed conversation was reopened',
  'conversation.handoff_requested': 'A conversation waits for a person',
  'conversation.assigned': 'A conversation was assigned to a person',
  'takeover.started': 'A person took a conversation over from the bot',
  'takeover.ended': 'A person gave a conversation back to the bot',
  'message.created': 'A message from the visitor, the bot or a person (with its channel)',
  'lead.created': 'A lead was captured',
  'lead.updated': 'A lead changed',
  'lead.deleted': 'A lead was deleted',
  'csat.submitted': 'A visitor rated a conversation',
  'knowledge.source.ready': 'A knowledge source finished processing',
  'knowledge.source.failed': 'A knowledge source failed to process',
  'agent.published': 'A new version of an agent went live',
  'webhook.test': 'The test event of “Send test event”',
};

const HEADERS =
  'Signed as Standard Webhooks: headers `webhook-id` (the same on every retry), `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per valid secret, space-separated).';

/** The event catalog in the OpenAPI document's `webhooks` section: one entry per event type. */
export function registerWebhookEvents(app: App): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Webhook events'],
      summary: SUMMARIES[type],
      description: HEADERS,
      request: { body: { required: true, content: { 'application/json': { schema: webhookPayloadSchema(type) } } } },
      responses: {
        200: {
          description: 'Any 2xx: delivered. 410: stop sending (the endpoint is disabled). Anything else: retried.',
        },
      },
    });
  }
}
