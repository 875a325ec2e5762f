import { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  createWebhookInput,
  deliveryParams,
  listWebhookDeliveriesInput,
  replayWebhookInput,
  ReplayResponse,
  updateWebhookInput,
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookListResponse,
  WebhookResponse,
  WebhookSecretResponse,
} from '@switchboard/contract/webhooks';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { registerWebhookEvents } from './event-docs';
import { listDeliveries, replayDeliveries, resendDelivery, sendTestEvent } from './deliveries';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './manage-webhooks';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
// Like API keys and members: people only. A key that leaked must not be able to send the workspace's events elsewhere.
const manage = { auth: 'workspace', permission: 'webhooks.manage', sessionOnly: true } as const;
const tags = ['Webhooks'];

export function webhookRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/webhooks',
        tags,
        summary: 'The workspace’s webhook endpoints',
        responses: { 200: json(WebhookListResponse, 'Endpoints, newest first'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ webhooks: await listWebhooks(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/webhooks',
        tags,
        summary: 'Add an endpoint; its signing secret is in the answer, once',
        request: body(createWebhookInput),
        responses: { 201: json(WebhookSecretResponse, 'The endpoint and its secret'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json(await createWebhook(serviceContext(c), c.req.valid('json')), 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/webhooks/{id}',
        tags,
        summary: 'An endpoint',
        request: { params: idParam },
        responses: { 200: json(WebhookResponse, 'The endpoint'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ webhook: await getWebhook(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/webhooks/{id}',
        tags,
        summary: 'Change an endpoint’s address, events or description, or turn it on or off',
        request: { params: idParam, ...body(updateWebhookInput) },
        responses: { 200: json(WebhookResponse, 'The endpoint'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ webhook: await updateWebhook(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/webhooks/{id}',
        tags,
        summary: 'Delete an endpoint and its delivery log',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      await deleteWebhook(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/webhooks/{id}/deliveries',
        tags,
        summary: 'The endpoint’s delivery log (kept 30 days), newest first',
        request: { params: idParam, query: listWebhookDeliveriesInput },
        responses: { 200: json(WebhookDeliveryPageResponse, 'Deliveries'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json(
        { deliveries: await listDeliveries(serviceContext(c), c.req.valid('param').id, c.req.valid('query')) },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/webhooks/{id}/rotate-secret',
        tags,
        summary: 'A new signing secret, shown once; the old one keeps signing for 24 hours',
        request: { params: idParam },
        responses: { 200: json(WebhookSecretResponse, 'The endpoint and its new secret'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json(await rotateWebhookSecret(serviceContext(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/webhooks/{id}/test',
        tags,
        summary: 'Send a `webhook.test` event to the endpoint',
        request: { params: idParam },
        responses: {
          201: json(WebhookDeliveryResponse, 'The delivery (see the log for its outcome)'),
          ...ErrorResponses,
        },
      },
      manage,
    ),
    async (c) => c.json({ delivery: await sendTestEvent(serviceContext(c), c.req.valid('param').id) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/webhooks/{id}/replay',
        tags,
        summary: 'Send again every failed delivery made since a time (after an outage)',
        request: { params: idParam, ...body(replayWebhookInput) },
        responses: { 200: json(ReplayResponse, 'How many were queued'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ queued: await replayDeliveries(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend',
        tags,
        summary: 'Send one delivery again, with the same `webhook-id`',
        request: { params: deliveryParams },
        responses: { 200: json(WebhookDeliveryResponse, 'The delivery, queued'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      return c.json({ delivery: await resendDelivery(serviceContext(c), id, deliveryId) }, 200);
    },
  );
  registerWebhookEvents(app);
  return app;
}
