import { z } from '@hono/zod-openapi';
import {
  ChannelListResponse,
  ChannelResponse,
  ChannelTestResponse,
  ChannelWebhookAck,
  createChannelInput,
  updateChannelInput,
} from '@switchboard/contract/channels';
import { idParam, OkResponse } from '@switchboard/contract/common';
import type { Context } from 'hono';
import { ForbiddenError } from '../../platform/errors';
import { route, serviceContext } from '../../platform/http/access';
import type { App, AppEnv } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { receiveChannelWebhook, verifyChannelSubscription } from './inbound';
import { createChannel, deleteChannel, getChannel, listChannels, testChannel, updateChannel } from './manage-channels';
import type { WebhookRequest } from './platforms';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
// People only, like webhooks: a leaked key must not be able to route a workspace's customers elsewhere.
const manage = { auth: 'workspace', permission: 'channels.manage', sessionOnly: true } as const;
const tags = ['Channels'];
const connectionParam = z.object({
  connectionId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'connectionId', in: 'path' } }),
});

const webhookRequest = async (c: Context<AppEnv>): Promise<WebhookRequest> => ({
  headers: c.req.raw.headers,
  rawBody: c.req.method === 'POST' ? await c.req.text() : '',
  query: new URL(c.req.url).searchParams,
});

export function channelRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/channels',
        tags,
        summary: 'Connected messaging accounts, with their health',
        responses: { 200: json(ChannelListResponse, 'The connections'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ channels: await listChannels(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/channels',
        tags,
        summary: 'Connect an account (credentials checked with the platform; Telegram’s webhook is set)',
        request: body(createChannelInput),
        responses: { 201: json(ChannelResponse, 'Connected'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ channel: await createChannel(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/channels/{id}',
        tags,
        summary: 'A connection (credentials masked)',
        request: { params: idParam },
        responses: { 200: json(ChannelResponse, 'The connection'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ channel: await getChannel(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/channels/{id}',
        tags,
        summary: 'Rename, re-bind to another agent, turn off, or replace the credentials',
        request: { params: idParam, ...body(updateChannelInput) },
        responses: { 200: json(ChannelResponse, 'Updated'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ channel: await updateChannel(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/channels/{id}',
        tags,
        summary: 'Disconnect (its conversations stay in the inbox)',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      await deleteChannel(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/channels/{id}/test',
        tags,
        summary: 'Ask the platform whether the stored credentials work',
        request: { params: idParam },
        responses: { 200: json(ChannelTestResponse, 'What the platform said'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json(await testChannel(serviceContext(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/channels/{connectionId}/webhook',
        tags,
        summary: 'Where a platform delivers messages (authenticated by its signature or secret token)',
        request: { params: connectionParam },
        responses: {
          200: json(ChannelWebhookAck, 'Stored (or already stored): it will be answered; or Slack’s challenge echoed'),
          ...ErrorResponses,
        },
      },
      { auth: 'public' },
    ),
    async (c) => {
      const { challenge } = await receiveChannelWebhook(c.req.valid('param').connectionId, await webhookRequest(c));
      return c.json({ ok: true as const, ...(challenge !== undefined && { challenge }) }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/channels/{connectionId}/webhook',
        tags,
        summary:
          'The platform’s subscription check (WhatsApp, Messenger, Instagram: hub.challenge with the verify token)',
        request: { params: connectionParam },
        responses: {
          200: { description: 'The challenge, echoed', content: { 'text/plain': { schema: z.string() } } },
          ...ErrorResponses,
        },
      },
      { auth: 'public' },
    ),
    async (c) => {
      const challenge = await verifyChannelSubscription(c.req.valid('param').connectionId, await webhookRequest(c));
      if (challenge === null) throw new ForbiddenError('The verify token does not match.', 'verify_token_mismatch');
      return c.text(challenge, 200);
    },
  );
  return app;
}
