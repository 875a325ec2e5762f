import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { UnavailableError, ValidationError } from '../../platform/errors';
import { route, serviceContext } from '../../platform/http/access';
import type { AppEnv, App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import type { ServiceContext } from '../../platform/tenancy';
import { createConversation, createConversationInput, getConversation, listConversations, listConversationsInput, listMessages } from './conversations';
import { idempotencyKey, messageInput } from './turn/begin-turn';
import { runTurn } from './turn/run-turn';
import type { DoneData, TurnEvent } from './turn/types';
import { ConversationSchema, DoneSchema, MessageSchema, conversationView, messageView } from './views';

const idParam = z.object({ id: z.string().min(1).max(60).openapi({ param: { name: 'id', in: 'path' } }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export const SSE_DESCRIPTION = `With \`Accept: text/event-stream\` the answer streams as server-sent events:
\`token\` {text}, \`citation\` {index, sourceId, title, url, page, anchor, snippet, score}, \`tool\` {name, input, output?},
\`handoff\` {status, reason}, then \`done\` {conversationId, userMessageId, messageId, status, conversationStatus, content,
citations, usage, model, latencyMs, offerHuman} — or \`error\` {code, message, conversationId, messageId} when the answer
failed (the visitor's message is kept). Otherwise the finished answer is returned as JSON (the \`done\` payload).
Send an \`Idempotency-Key\` header: a retry with the same key returns the same answer and never calls the model again.`;

/** SSE or JSON for a turn's events. Shared by the API and the widget. */
export function respondWithTurn(c: Context<AppEnv>, ctx: ServiceContext, conversationId: string, input: { content: string; idempotencyKey: string | null }) {
  const controller = new AbortController();
  if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => controller.abort());
      let sequence = 0;
      try {
        for await (const event of runTurn(ctx, conversationId, input, controller.signal)) {
          await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data), id: String(++sequence) });
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'internal_error';
        const message = (error as { status?: number }).status && (error as { status: number }).status < 500 ? (error as Error).message : 'Something went wrong.';
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ code, message, conversationId, messageId: null }) });
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
    if (failure) throw new UnavailableError(failure.message, 'model_failed', { conversationId, messageId: failure.messageId });
    return c.json(final!, 200);
  })();
}

/** The request's `Idempotency-Key` header, checked; null when absent. */
export function idempotencyKeyFrom(c: Context<AppEnv>): string | null {
  const raw = c.req.header('idempotency-key');
  if (raw === undefined) return null;
  const parsed = idempotencyKey.safeParse(raw);
  if (!parsed.success) throw new ValidationError('The Idempotency-Key header is not valid.', [{ path: 'Idempotency-Key', message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

export function mountChatRoutes(app: App): void {
  const read = { auth: 'workspace', permission: 'conversations.read' } as const;
  const reply = { auth: 'workspace', permission: 'conversations.reply' } as const;

  app.openapi(
    route({ method: 'get', path: '/api/v1/conversations', tags: ['Conversations'], summary: 'Conversations, most recent first', request: { query: listConversationsInput }, responses: { 200: json(z.object({ conversations: z.array(ConversationSchema), nextCursor: z.string().nullable() }), 'A page'), ...ErrorResponses } }, read),
    async (c) => {
      const page = await listConversations(serviceContext(c), c.req.valid('query'));
      return c.json({ conversations: page.conversations.map(conversationView), nextCursor: page.nextCursor }, 200);
    },
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/conversations', tags: ['Conversations'], summary: 'Start a conversation with an agent (its live version, or the draft for the playground)', request: body(createConversationInput), responses: { 201: json(z.object({ conversation: ConversationSchema }), 'Started'), ...ErrorResponses } }, reply),
    async (c) => c.json({ conversation: conversationView(await createConversation(serviceContext(c), c.req.valid('json'))) }, 201),
  );
  app.openapi(
    route({ method: 'get', path: '/api/v1/conversations/{id}', tags: ['Conversations'], summary: 'A conversation and its messages', request: { params: idParam }, responses: { 200: json(z.object({ conversation: ConversationSchema, messages: z.array(MessageSchema) }), 'The conversation'), ...ErrorResponses } }, read),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const conversation = await getConversation(ctx, id);
      return c.json({ conversation: conversationView(conversation), messages: (await listMessages(ctx, id)).map(messageView) }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations/{id}/messages',
        tags: ['Conversations'],
        summary: 'Messages in order (after a message id, to resume)',
        request: { params: idParam, query: z.object({ after: z.string().max(60).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }) },
        responses: { 200: json(z.object({ messages: z.array(MessageSchema) }), 'Messages'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => {
      const { after, limit } = c.req.valid('query');
      return c.json({ messages: (await listMessages(serviceContext(c), c.req.valid('param').id, { ...(after && { after }), limit })).map(messageView) }, 200);
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
        request: { params: idParam, headers: z.object({ 'idempotency-key': z.string().max(200).optional() }), ...body(messageInput) },
        responses: {
          200: { description: 'The answer (JSON), or an event stream', content: { 'application/json': { schema: DoneSchema }, 'text/event-stream': { schema: z.string() } } },
          503: json(z.unknown(), 'The model failed; the message is kept (details: conversationId, messageId)'),
          ...ErrorResponses,
        },
      },
      reply,
    ),
    (c) => respondWithTurn(c, serviceContext(c), c.req.valid('param').id, { content: c.req.valid('json').content, idempotencyKey: idempotencyKeyFrom(c) }) as never,
  );
}
