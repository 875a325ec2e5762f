import { z } from '@hono/zod-openapi';
import {
  completionHeaders,
  modelIdParam,
  OpenAiModelListResponse,
  OpenAiModelSchema,
} from '@switchboard/contract/openai';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { route, serviceContext } from '../../platform/http/access';
import type { App, AppEnv, ErrorDecorator } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { holdStreamSlot } from '../../platform/http/stream-slots';
import type { ServiceContext } from '../../platform/tenancy';
import { idempotencyKeyFrom, playTurn, turnFailure, type BegunTurn, type DoneData } from '../chat';
import { beginCompletion } from './complete-chat';
import { getAgentModel, listAgentModels } from './models';
import {
  ChatCompletionRequest,
  ChatCompletionResponse,
  chunk,
  completion,
  completionId,
  extensionOf,
  usageChunk,
} from './wire';
import { createRouter } from '../../platform/http/router';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
};

/**
 * Errors here are still the envelope, with OpenAI's `type` and `param` added, so OpenAI
 * clients raise the right APIError (status, code, type, message). `x-should-retry: false`
 * stops their automatic retries where a retry cannot help: a conflict, or a model that
 * already failed after Switchboard's own retry and fallback.
 */
const openAiErrors: ErrorDecorator = ({ status, code, details }) => {
  const first = Array.isArray(details) ? (details[0] as { path?: string } | undefined) : undefined;
  return {
    fields: { type: ERROR_TYPES[status] ?? 'api_error', param: first?.path ?? null },
    ...((status === 409 || code === 'model_failed') && { headers: { 'x-should-retry': 'false' } }),
  };
};

const CONVERSATION_HEADER = 'x-conversation-id';

/** `release` gives back the stream slot taken before the turn began: when the answer ends or the client goes. */
function streamCompletion(
  c: Context<AppEnv>,
  ctx: ServiceContext,
  turn: BegunTurn,
  model: string,
  includeUsage: boolean,
  release: () => void,
) {
  const id = completionId(turn.userMessage.id);
  return streamSSE(c, async (stream) => {
    const controller = new AbortController();
    stream.onAbort(() => {
      release();
      controller.abort();
    });
    const send = (data: unknown) => stream.writeSSE({ data: JSON.stringify(data) });
    try {
      await send(chunk(id, model, { role: 'assistant', content: '' }, { includeUsage }));
      for await (const event of playTurn(ctx, turn, controller.signal)) {
        if (event.event === 'token') await send(chunk(id, model, { content: event.data.text }, { includeUsage }));
        if (event.event === 'error') {
          // OpenAI's in-stream error: its clients throw an APIError when they read it.
          await send({
            error: {
              message: event.data.message,
              type: 'api_error',
              param: null,
              code: event.data.code,
              conversationId: event.data.conversationId,
            },
          });
          return;
        }
        if (event.event === 'done') {
          await send(
            chunk(id, model, {}, { finish: 'stop', includeUsage, extra: { switchboard: extensionOf(event.data) } }),
          );
          if (includeUsage) await send(usageChunk(id, model, event.data));
        }
      }
      await stream.writeSSE({ data: '[DONE]' });
    } catch (error) {
      c.get('log')?.error({ err: error }, 'openai-compatible stream failed');
      await send({
        error: { message: 'Something went wrong.', type: 'api_error', param: null, code: 'internal_error' },
      });
    } finally {
      release();
    }
  });
}

async function jsonCompletion(c: Context<AppEnv>, ctx: ServiceContext, turn: BegunTurn, model: string) {
  const controller = new AbortController();
  let done: DoneData | null = null;
  for await (const event of playTurn(ctx, turn, controller.signal)) {
    if (event.event === 'error') throw turnFailure(event.data);
    if (event.event === 'done') done = event.data;
  }
  return c.json(completion(completionId(turn.userMessage.id), model, done!), 200);
}

export function openAiRoutes(): App {
  const app = createRouter();
  app.use('/api/v1/openai/*', async (c, next) => {
    c.set('decorateError', openAiErrors);
    await next();
  });

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/openai/chat/completions',
        tags: ['OpenAI-compatible'],
        summary: 'Chat with an agent through OpenAI’s Chat Completions API (`model` = agent id)',
        description: `Each call is a new conversation (channel \`openai\`) holding the user and assistant messages it was sent, then the last (user) message as the question; system messages are ignored (the agent's instructions stand), and so are sampling parameters and tools. Send \`X-Conversation-Id\` (returned on every answer) to continue a stored conversation instead: its stored messages are then the history. \`user\` becomes the visitor id. With \`stream: true\` the answer streams as \`chat.completion.chunk\` events ending with \`data: [DONE]\`; \`stream_options.include_usage\` adds the usage chunk. An \`Idempotency-Key\` makes a retry replay the first answer. Errors use the error envelope with OpenAI's \`type\` and \`param\` added.`,
        request: {
          headers: completionHeaders,
          body: { required: true, content: { 'application/json': { schema: ChatCompletionRequest } } },
        },
        responses: {
          200: {
            description: 'The answer (JSON), or a stream of chunks',
            headers: { 'X-Conversation-Id': { schema: { type: 'string' } } },
            content: {
              'application/json': { schema: ChatCompletionResponse },
              'text/event-stream': { schema: z.string() },
            },
          },
          409: json(z.unknown(), 'The agent is paused or not published'),
          503: json(z.unknown(), 'The model failed after retries and fallback; the question is kept'),
          ...ErrorResponses,
        },
      },
      { auth: 'workspace', permission: 'conversations.reply' },
    ),
    async (c) => {
      const ctx = serviceContext(c);
      const request = c.req.valid('json');
      // A streamed answer holds a stream slot; taken before the question is stored, so a refusal stores nothing.
      const release = request.stream ? holdStreamSlot(c) : null;
      let turn: BegunTurn;
      try {
        turn = await beginCompletion(ctx, request, {
          conversationId: c.req.valid('header')[CONVERSATION_HEADER] ?? null,
          idempotencyKey: idempotencyKeyFrom(c),
        });
      } catch (error) {
        release?.();
        throw error;
      }
      c.header('X-Conversation-Id', turn.conversation.id);
      const includeUsage = request.stream_options?.include_usage === true;
      return (
        release
          ? streamCompletion(c, ctx, turn, request.model, includeUsage, release)
          : await jsonCompletion(c, ctx, turn, request.model)
      ) as never;
    },
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/openai/models',
        tags: ['OpenAI-compatible'],
        summary: 'The agents this key can chat with, as OpenAI models',
        responses: { 200: json(OpenAiModelListResponse, 'Models'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'agents.read' },
    ),
    async (c) => c.json(await listAgentModels(serviceContext(c)), 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/openai/models/{id}',
        tags: ['OpenAI-compatible'],
        summary: 'One agent, as an OpenAI model',
        request: { params: modelIdParam },
        responses: { 200: json(OpenAiModelSchema, 'The model'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'agents.read' },
    ),
    async (c) => c.json(await getAgentModel(serviceContext(c), c.req.valid('param').id), 200),
  );
  return app;
}
