import { z } from '@hono/zod-openapi';
import {
  ratingInput,
  RatingResponse,
  visitorHandoffBody,
  VisitorHandoffResponse,
  VisitorLeadResponse,
  VisitorMessageListResponse,
  visitorMessageInput,
  visitorMessagesQuery,
  VisitorOkResponse,
  visitorTypingInput,
} from '@switchboard/contract/widget';
import { route } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { json } from '../../platform/http/openapi';
import { realtimeHub, streamRealtime } from '../../platform/realtime';
import {
  getConversation,
  idempotencyKeyFrom,
  recordVisitorPresence,
  listMessages,
  messageView,
  requestHandoffWithNotice,
  requireEventStream,
  respondWithTurn,
  resumePoint,
} from '../chat';
import { rateConversation } from './rate-conversation';
import { body, conversationParams, publicAccess, tags, WIDGET_API, WidgetErrors } from './route-helpers';
import { leadSubmission, submitWidgetLead } from './submit-lead';
import { visitorCall, widgetGate, type GateDeps } from './widget-gate';
import { visitorStream } from './visitor-stream';
import { forVisitor, VISITOR_ROLES, visitorMessage } from './visitor-view';
import { createRouter } from '../../platform/http/router';

const ok = json(VisitorOkResponse, 'Done');
/** The visitor's conversation: send, read, follow live, type, ask for a person, leave details, rate. */
export function conversationRoutes(gate: GateDeps): App {
  const app = createRouter();
  const visitor = [widgetGate(gate, { token: true })];
  const path = (rest: string) => `${WIDGET_API}/{key}/conversations/{id}${rest}`;

  app.openapi(
    route(
      {
        method: 'post',
        path: path('/messages'),
        tags,
        summary: 'Send the visitor’s message; the answer streams with Accept: text/event-stream',
        description:
          'The events are those of `POST /api/v1/conversations/{id}/messages` as a visitor sees them: `token` {text}, `citation` {index, title, url, page, anchor, snippet}, `tool` {name} (only `capture_lead`), `handoff` {status, askContact, opensAt, notice?}, `done` {conversationId, userMessageId, messageId, status, conversationStatus, content, citations, offerHuman}, `error` {code, message, conversationId, messageId}; the JSON answer is the `done` payload. Send an `Idempotency-Key`: a retry after a dropped connection returns the same answer, never a second one. A client that drops mid-answer does not stop it: it is finished, stored, and arrives on the event stream.',
        request: { params: conversationParams, ...body(visitorMessageInput) },
        middleware: visitor,
        responses: {
          200: {
            description: 'The answer (JSON) or an event stream',
            content: { 'text/event-stream': { schema: z.string() }, 'application/json': { schema: z.unknown() } },
          },
          ...WidgetErrors,
        },
      },
      publicAccess,
    ),
    (c) => {
      const { ctx, claims } = visitorCall(c);
      return respondWithTurn(
        c,
        ctx,
        claims.c,
        { content: c.req.valid('json').content, idempotencyKey: idempotencyKeyFrom(c) },
        { keepAnswering: true, view: forVisitor },
      ) as never;
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: path('/messages'),
        tags,
        summary: 'The conversation’s messages in order (after a message id, to resume)',
        request: { params: conversationParams, query: visitorMessagesQuery },
        middleware: visitor,
        responses: { 200: json(VisitorMessageListResponse, 'Messages'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      const after = resumePoint(c, c.req.valid('query').after);
      const rows = await listMessages(ctx, claims.c, after ? { after } : {});
      return c.json(
        { messages: rows.filter((m) => VISITOR_ROLES.has(m.role)).map((m) => visitorMessage(messageView(m))) },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: path('/events'),
        tags,
        summary: 'The conversation live (server-sent events); resumes after Last-Event-ID or ?after=',
        description:
          '`status` {conversationId, status, cause, assignee, askContact} (askContact: handed to a person outside business hours and no contact details yet, so the widget asks for them), `message` (SSE id = message id), `typing` {from: "human", name?, typing}. Opening and closing it tells the team the visitor is online or gone (`conversation.presence`).',
        request: { params: conversationParams, query: visitorMessagesQuery },
        middleware: visitor,
        responses: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
          406: json(z.unknown(), 'Not an event-stream request'),
          ...WidgetErrors,
        },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      const after = resumePoint(c, c.req.valid('query').after);
      await getConversation(ctx, claims.c);
      requireEventStream(c);
      const presence = async (online: boolean) => {
        try {
          await Promise.all([
            realtimeHub().publishEphemeral(ctx.tenantId, 'conversation.presence', {
              conversationId: claims.c,
              from: 'visitor',
              online,
            }),
            recordVisitorPresence(ctx, claims.c, online),
          ]);
        } catch {
          // Presence is a courtesy: a stopping server or a bus hiccup loses one (a stale "open" chat counts as gone after a while: visitor-mail).
        }
      };
      // Opened first: a stream refused (too many open), or a HEAD request's (no stream), announces nothing.
      const response = streamRealtime(c, {
        tenantId: ctx.tenantId,
        after,
        ...visitorStream(ctx, claims.c),
        onClose: () => void presence(false),
      });
      if (c.req.method === 'GET') void presence(true);
      return response as never;
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: path('/typing'),
        tags,
        summary: 'The visitor is typing (or stopped): shown to the team live, never stored',
        request: { params: conversationParams, ...body(visitorTypingInput) },
        middleware: visitor,
        responses: { 200: ok, ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      await realtimeHub().publishEphemeral(ctx.tenantId, 'conversation.typing', {
        conversationId: claims.c,
        from: 'visitor',
        typing: c.req.valid('json').typing,
      });
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: path('/handoff'),
        tags,
        summary: '“Talk to a person”: the conversation waits for the team and the bot stops answering',
        request: { params: conversationParams, ...body(visitorHandoffBody) },
        middleware: visitor,
        responses: {
          200: json(
            VisitorHandoffResponse,
            'The conversation’s status, and whether to ask for contact details (outside business hours)',
          ),
          ...WidgetErrors,
        },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      const { conversation, askContact } = await requestHandoffWithNotice(
        ctx,
        claims.c,
        c.req.valid('json').reason || 'The visitor asked for a person.',
      );
      return c.json(
        { status: conversation.status, askContact: askContact && conversation.status === 'pending_human' },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: path('/lead'),
        tags,
        summary: 'The lead form: the visitor’s contact details, as the widget’s form asks for them',
        request: { params: conversationParams, ...body(leadSubmission) },
        middleware: visitor,
        responses: {
          201: json(VisitorLeadResponse, 'Recorded'),
          409: json(z.unknown(), 'The form is switched off'),
          ...WidgetErrors,
        },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims, widget } = visitorCall(c);
      const lead = await submitWidgetLead(ctx, widget.config.leadForm, c.req.valid('json'), {
        conversationId: claims.c,
        agentId: widget.agentId,
      });
      return c.json({ lead }, 201);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: path('/rating'),
        tags,
        summary: 'Rate a closed conversation from 1 to 5 (CSAT), with an optional comment',
        request: { params: conversationParams, ...body(ratingInput) },
        middleware: visitor,
        responses: {
          200: json(RatingResponse, 'Recorded'),
          409: json(z.unknown(), 'Not closed, or ratings are off'),
          ...WidgetErrors,
        },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims, widget } = visitorCall(c);
      return c.json(
        await rateConversation(ctx, claims.c, c.req.valid('json'), { enabled: widget.config.csat.enabled }),
        200,
      );
    },
  );
  return app;
}
