import { MessageResponse } from '@switchboard/contract/chat';
import { ChannelDeliveryResponse, ChannelTemplatesResponse, templateReplyInput } from '@switchboard/contract/channels';
import { idParam } from '@switchboard/contract/common';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { channelDeliveryOf, listChannelTemplates } from '../channels';
import { messageView } from '../chat';
import { sendTemplateReply } from './reply';
import { body, READ, REPLY } from './routes';

const tags = ['Inbox'];

/** What a channel conversation needs beyond text: delivery statuses and WhatsApp's message templates. */
export function inboxChannelRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/conversations/{id}/delivery',
        tags,
        summary: 'How each message of a channel conversation fared: queued, sent, delivered, read or failed',
        request: { params: idParam },
        responses: { 200: json(ChannelDeliveryResponse, 'By message id'), ...ErrorResponses },
      },
      READ,
    ),
    async (c) => c.json({ delivery: await channelDeliveryOf(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/conversations/{id}/templates',
        tags,
        summary: 'The approved WhatsApp templates for this conversation, and whether free text is still delivered',
        request: { params: idParam },
        responses: { 200: json(ChannelTemplatesResponse, 'The templates'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) => c.json(await listChannelTemplates(serviceContext(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/template',
        tags,
        summary:
          'Reply with an approved WhatsApp template (the only reply delivered 24 hours after the customer last wrote)',
        request: { params: idParam, ...body(templateReplyInput) },
        responses: { 201: json(MessageResponse, 'Sent'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) =>
      c.json(
        {
          message: messageView(
            await sendTemplateReply(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
          ),
        },
        201,
      ),
  );
  return app;
}
