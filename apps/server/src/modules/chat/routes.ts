import { z } from '@hono/zod-openapi';
import {
  ConversationListResponse,
  ConversationResponse,
  ConversationWithMessagesResponse,
  conversationEventsQuery,
  createConversationInput,
  DoneSchema,
  handoffBody,
  HandoffResponse,
  idempotencyHeader,
  idempotencyKey,
  listConversationsInput,
  listMessagesQuery,
  MessageListResponse,
  messageInput,
  resumeId,
  typingInput,
} from '@switchboard/contract/chat';
import { idParam } from '@switchboard/contract/common';
import type { Context } from 'hono';
import { NotAcceptableError, ValidationError } from '../../platform/errors';
import { route, serviceContext } from '../../platform/http/access';
import { eventStream } from '../../platform/http/event-stream';
import type { AppEnv, App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { streamRealtime } from '../../platform/realtime';
import type { ServiceContext } from '../../platform/tenancy';
import { conversationStream } from './conversation-stream';
import { requestHandoffWithNotice } from './handoff';
import { announceVisitorTyping } from './typing';
import { createConversation, getConversation, listConversations, listMessages } from './conversations';
import { runTurn, turnFailure } from './turn/run-turn';
import type { DoneData, TurnEvent } from './turn/types';
import { conversationView, messageView } from './views';
import { createRouter } from '../../platform/http/router';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export const SSE_DESCRIPTION = `With \`Accept: text/event-stream\` the answer streams as server-sent events:
\`token\` {text}, \`citation\` {index, sourceId, title, url, page, anchor, snippet, score}, \`tool\` {name, input, output?},
\`handoff\` {status, reason, askContact, opensAt, notice?}, then \`done\` {conversationId, userMessageId, messageId, status, conversationStatus, content,
citations, usage, model, latencyMs, offerHuman} — or \`error\` {code, message, conversationId, messageId} when the answer
failed (the visitor's message is kept). Otherwise the finished answer is returned as JSON (the \`done\` payload).
Send an \`Idempotency-Key\` header: a retry with the same key never stores a second message or answer. It replays the stored answer
(\`replayed: true\`), waits for it while another attempt is still writing it (409 \`answer_in_progress\` after a minute), and answers
the question, in the same slot, when a server crash cut the first answer off before it was stored (\`interrupted\`).`;

export interface RespondOptions {
  /**
   * A client that goes away does not abort the answer: it is finished and stored, and reaches
   * the client through the conversation's event stream when it reconnects (the widget on a flaky network).
   */
  keepAnswering?: boolean;
  /** What the caller may see of each event (null: not sent); applies to the stream and the JSON answer alike. */
  view?: (event: TurnEvent) => TurnEvent | null;
}

/** SSE or JSON for a turn's events. Shared by the API and the widget. */
export function respondWithTurn(
  c: Context<AppEnv>,
  ctx: ServiceContext,
  conversationId: string,
  input: { content: string; idempotencyKey: string | null },
  options: RespondOptions = {},
) {
  const controller = new AbortController();
  const view = options.view ?? ((event: TurnEvent) => event);
  if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
    return eventStream(c, async (stream) => {
      if (!options.keepAnswering) stream.gone.addEventListener('abort', () => controller.abort());
      let sequence = 0;
      const send = (event: TurnEvent) => {
        const shown = view(event);
        if (shown) stream.send(shown.event, JSON.stringify(shown.data), String(++sequence));
      };
      try {
        for await (const event of runTurn(ctx, conversationId, input, controller.signal)) send(event);
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'internal_error';
        const message =
          (error as { status?: number }).status && (error as { status: number }).status < 500
            ? (error as Error).message
            : 'Something went wrong.';
        const shown = view({ event: 'error', data: { code, message, conversationId, messageId: null } });
        if (shown) stream.send(shown.event, JSON.stringify(shown.data));
      }
    });
  }
  return (async () => {
    let final: DoneData | null = null;
    let failure: Extract<TurnEvent, { event: 'error' }>['data'] | null = null;
    for await (const event of runTurn(ctx, conversationId, input, controller.signal)) {
      if (event.event === 'done') final = event.data;
      if (event.event === 'error') failure = event.data;
    }
    if (failure) throw turnFailure(failure);
    return c.json(view({ event: 'done', data: final! })?.data ?? {}, 200);
  })();
}

/** The request's `Idempotency-Key` header, checked; null when absent. */
export function idempotencyKeyFrom(c: Context<AppEnv>): string | null {
  const raw = c.req.header('idempotency-key');
  if (raw === undefined) return null;
  const parsed = idempotencyKey.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError('The Idempotency-Key header is not valid.', [
      { path: 'Idempotency-Key', message: parsed.error.issues[0]!.message },
    ]);
  return parsed.data;
}

/** Realtime routes answer only event-stream clients (a plain GET would wait forever). */
export function requireEventStream(c: Context<AppEnv>): void {
  if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
    throw new NotAcceptableError('This is an event stream: send Accept: text/event-stream (EventSource does).');
  }
}

/** `Last-Event-ID` (EventSource reconnecting) or `?after=`: the last message the client has. */
export function resumePoint(c: Context<AppEnv>, after: string | undefined): string | null {
  const value = c.req.header('last-event-id') || after;
  if (!value) return null;
  const parsed = resumeId.safeParse(value);
  if (!parsed.success)
    throw new ValidationError('The resume point is not a message id.', [
      { path: 'after', message: parsed.error.issues[0]!.message },
    ]);
  return parsed.data;
}

export function chatRoutes(): App {
  const app = createRouter();
  const read = { auth: 'workspace', permission: 'conversations.read' } as const;
  const reply = { auth: 'workspace', permission: 'conversations.reply' } as const;

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations',
        tags: ['Conversations'],
        summary: 'Conversations, most recent first',
        request: { query: listConversationsInput },
        responses: { 200: json(ConversationListResponse, 'A page'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => {
      const page = await listConversations(serviceContext(c), c.req.valid('query'));
      return c.json({ conversations: page.conversations.map(conversationView), nextCursor: page.nextCursor }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/conversations',
        tags: ['Conversations'],
        summary:
          'Start a conversation with an agent (its live version; for the playground, the draft or a chosen version)',
        request: body(createConversationInput),
        responses: { 201: json(ConversationResponse, 'Started'), ...ErrorResponses },
      },
      reply,
    ),
    async (c) =>
      c.json({ conversation: conversationView(await createConversation(serviceContext(c), c.req.valid('json'))) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations/{id}',
        tags: ['Conversations'],
        summary: 'A conversation and its messages',
        request: { params: idParam },
        responses: { 200: json(ConversationWithMessagesResponse, 'The conversation'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const conversation = await getConversation(ctx, id);
      return c.json(
        { conversation: conversationView(conversation), messages: (await listMessages(ctx, id)).map(messageView) },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations/{id}/messages',
        tags: ['Conversations'],
        summary: 'Messages in order (after a message id, to resume)',
        request: { params: idParam, query: listMessagesQuery },
        responses: { 200: json(MessageListResponse, 'Messages'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => {
      const { after, limit } = c.req.valid('query');
      return c.json(
        {
          messages: (
            await listMessages(serviceContext(c), c.req.valid('param').id, { ...(after && { after }), limit })
          ).map(messageView),
        },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations/{id}/events',
        tags: ['Conversations'],
        summary: 'The conversation live, as server-sent events',
        description: `Send \`Accept: text/event-stream\`. Events: \`status\` {conversationId, status, cause} first and on every change,
\`message\` (a Message) for every stored message after \`after\` / \`Last-Event-ID\` and then live (its SSE id is the message id,
so a reconnecting EventSource resumes without gaps or repeats), \`typing\` and \`presence\` as they happen. Comments keep the connection alive.`,
        request: { params: idParam, query: conversationEventsQuery },
        responses: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
          406: json(z.unknown(), 'Not an event-stream request'),
          ...ErrorResponses,
        },
      },
      read,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const after = resumePoint(c, c.req.valid('query').after);
      await getConversation(ctx, id);
      requireEventStream(c);
      return streamRealtime(c, { tenantId: ctx.tenantId, after, ...conversationStream(ctx, id) }) as never;
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/conversations/{id}/handoff',
        tags: ['Conversations'],
        summary: 'Ask for a person (the visitor’s “talk to a human”)',
        description: `The conversation waits in the inbox (\`pending_human\`) and the bot stops answering it; asking again changes nothing.
The visitor is told in a message; outside business hours it says when to expect an answer and \`askContact\` is true (ask for an email or phone number).`,
        request: { params: idParam, ...body(handoffBody) },
        responses: {
          200: json(HandoffResponse, 'Handed off'),
          ...ErrorResponses,
        },
      },
      reply,
    ),
    async (c) => {
      const result = await requestHandoffWithNotice(
        serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json').reason,
        { source: 'api' },
      );
      return c.json(
        {
          conversation: conversationView(result.conversation),
          changed: result.changed,
          askContact: result.askContact,
          opensAt: result.opensAt,
          notice: result.notice && messageView(result.notice),
        },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/conversations/{id}/typing',
        tags: ['Conversations'],
        summary: 'The visitor is typing (shown live in the inbox, never stored)',
        request: { params: idParam, ...body(typingInput) },
        responses: { 204: { description: 'Announced' }, ...ErrorResponses },
      },
      reply,
    ),
    async (c) => {
      await announceVisitorTyping(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/conversations/{id}/messages',
        tags: ['Conversations'],
        summary: 'Send a message and get the answer (streamed with Accept: text/event-stream)',
        description: SSE_DESCRIPTION,
        request: { params: idParam, headers: idempotencyHeader, ...body(messageInput) },
        responses: {
          200: {
            description: 'The answer (JSON), or an event stream',
            content: { 'application/json': { schema: DoneSchema }, 'text/event-stream': { schema: z.string() } },
          },
          503: json(z.unknown(), 'The model failed; the message is kept (details: conversationId, messageId)'),
          ...ErrorResponses,
        },
      },
      reply,
    ),
    (c) =>
      respondWithTurn(c, serviceContext(c), c.req.valid('param').id, {
        content: c.req.valid('json').content,
        idempotencyKey: idempotencyKeyFrom(c),
      }) as never,
  );
  return app;
}
