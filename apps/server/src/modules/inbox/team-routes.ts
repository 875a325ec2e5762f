import { z } from '@hono/zod-openapi';
import { idParam } from '@switchboard/contract/common';
import {
  CannedListResponse,
  CannedResponse,
  cannedInput,
  cannedPatch,
  InboxMemberListResponse,
  inboxAgentPatch,
  memberParam as userParam,
  PresenceResponse,
  presenceInput,
} from '@switchboard/contract/inbox';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { streamRealtime } from '../../platform/realtime';
import { requireEventStream } from '../chat';
import {
  cannedView,
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from './canned';
import { heartbeat } from './presence';
import { body, READ, REPLY } from './routes';
import { inboxStream } from './stream';
import { listInboxAgents, updateInboxAgent } from './team';

const tags = ['Inbox'];

export function inboxTeamRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/events',
        tags,
        summary: 'The inbox live, as server-sent events',
        description: `Send \`Accept: text/event-stream\`. Each connection starts with \`snapshot\` {conversations (open ones, with your unread counts), more, unread, presence}:
replace what you had with it (that is how a reconnect catches up). Then \`conversation\` {cause, conversation, unread} whenever a conversation changes or gets a message,
\`note\` {conversationId, note}, \`typing\` {conversationId, from, name?, typing}, \`visitor\` {conversationId, online} and \`presence\` {userId, status}.`,
        responses: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
          406: json(z.unknown(), 'Not an event-stream request'),
          ...ErrorResponses,
        },
      },
      READ,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      requireEventStream(c);
      return streamRealtime(c, { tenantId: ctx.tenantId, after: null, ...inboxStream(ctx) }) as never;
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/presence',
        tags,
        summary: 'Your presence heartbeat (every 30 s while the inbox is open)',
        request: body(presenceInput),
        responses: { 200: json(PresenceResponse, 'Recorded'), ...ErrorResponses },
      },
      READ,
    ),
    async (c) => c.json(await heartbeat(serviceContext(c), c.req.valid('json')), 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/members',
        tags,
        summary: 'The team with presence, open conversations, capacity and on-duty',
        responses: { 200: json(InboxMemberListResponse, 'Members'), ...ErrorResponses },
      },
      READ,
    ),
    async (c) => c.json({ members: await listInboxAgents(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/inbox/members/{userId}',
        tags,
        summary: 'Set a member’s capacity (admins) or on-duty (yourself, or admins for anyone)',
        request: { params: userParam, ...body(inboxAgentPatch) },
        responses: { 204: { description: 'Saved' }, ...ErrorResponses },
      },
      READ,
    ),
    async (c) => {
      await updateInboxAgent(serviceContext(c), c.req.valid('param').userId, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/canned-responses',
        tags,
        summary: 'Canned responses (insert with /shortcut)',
        responses: { 200: json(CannedListResponse, 'All of them'), ...ErrorResponses },
      },
      READ,
    ),
    async (c) => c.json({ cannedResponses: (await listCannedResponses(serviceContext(c))).map(cannedView) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/canned-responses',
        tags,
        summary: 'Add a canned response',
        request: body(cannedInput),
        responses: {
          201: json(CannedResponse, 'Added'),
          409: json(z.unknown(), 'The shortcut is taken'),
          ...ErrorResponses,
        },
      },
      REPLY,
    ),
    async (c) =>
      c.json({ cannedResponse: cannedView(await createCannedResponse(serviceContext(c), c.req.valid('json'))) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/inbox/canned-responses/{id}',
        tags,
        summary: 'Edit a canned response',
        request: { params: idParam, ...body(cannedPatch) },
        responses: { 200: json(CannedResponse, 'Saved'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) =>
      c.json(
        {
          cannedResponse: cannedView(
            await updateCannedResponse(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
          ),
        },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/inbox/canned-responses/{id}',
        tags,
        summary: 'Delete a canned response',
        request: { params: idParam },
        responses: { 204: { description: 'Deleted' }, ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) => {
      await deleteCannedResponse(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return app;
}
