import { setMaxListeners } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { anthropicError, anthropicMessage, anthropicStreamFrames, parseAnthropicMessages } from './anthropic-wire';
import { embeddingsResponse } from './embeddings';
import { playFrames, sendJson, sseFrame, type PlayOutcome } from './frames';
import { openAICompletion, openAIError, openAIStreamFrames, parseOpenAIChat } from './openai-wire';
import { echoResponder, type ChatCall, type DefaultResponder, type ModelScript } from './script';

export type { ChatCall, DefaultResponder, ModelScript, ScriptedToolCall } from './script';
export { echoResponder, splitWords } from './script';
export { hashedEmbedding } from './embeddings';

/**
 * A real HTTP server on 127.0.0.1 (or `host`):<random port> that speaks the OpenAI Chat Completions,
 * OpenAI embeddings/models and Anthropic Messages wire formats, answering from a FIFO of
 * scripts (then a default responder), so model-layer tests run against real sockets.
 */
export interface ModelServerOptions {
  /** Answers chat requests when no script is queued (default: echo the last user message). */
  defaultResponder?: DefaultResponder;
  /** Delay between streamed chunks when a script does not set one (default 0). */
  tokenDelayMs?: number;
  /** Vector size when the request does not ask for `dimensions` (default 256). */
  embeddingDimensions?: number;
  /** What `GET /v1/models` lists. */
  models?: string[];
  /** When set, requests presenting another key get a 401 (whose body echoes the presented key). */
  apiKey?: string;
  /** Keep `requests` (default true; turn off for long load runs). */
  record?: boolean;
  /** Loopback address to listen on (default 127.0.0.1; egress tests use 127.0.0.2 and up as "public" hosts). */
  host?: string;
  /** Requests under this path prefix get a 307 to the same path without it (a server whose API moved). */
  movedPrefix?: string;
}

export type RequestOutcome = PlayOutcome | 'error';

export interface RecordedRequest {
  method: string;
  /** The path without the query string; `url` has both. */
  path: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** performance.now() when the request arrived (tests measure waits between requests). */
  receivedAt: number;
  /** How the response ended: 'closed' means the client went away before it was complete. */
  outcome: Promise<RequestOutcome>;
}

export interface ModelServer {
  url: string;
  openaiBaseURL: string;
  anthropicBaseURL: string;
  requests: RecordedRequest[];
  /** Queue answers for chat requests (`/v1/chat/completions` and `/v1/messages`), in order. */
  enqueue(...scripts: ModelScript[]): void;
  /** Queue answers for `/v1/embeddings`; only status, retryAfter, errorBody and headersDelayMs apply. */
  enqueueEmbeddings(...scripts: ModelScript[]): void;
  /** Scripts still queued (a test can check that every scripted answer was used). */
  pending(): number;
  setTokenDelay(ms: number): void;
  /** Streams open now, and the most ever open at once (load tests check real interleaving). */
  streams(): { open: number; maxOpen: number };
  /** Forget queued scripts and recorded requests (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_MODELS = ['gpt-4o-mini', 'text-embedding-3-small', 'claude-haiku-4-5', 'test-model'];

function presentedKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  const key = req.headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const chatQueue: ModelScript[] = [];
  const embeddingQueue: ModelScript[] = [];
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  // Every open response listens for the server closing: hundreds at once under load.
  setMaxListeners(0, closing.signal);
  const respond = options.defaultResponder ?? echoResponder;
  let tokenDelayMs = options.tokenDelayMs ?? 0;
  let sequence = 0;
  let openStreams = 0;
  let maxOpenStreams = 0;

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    signal: AbortSignal,
    track: { settle?: (outcome: RequestOutcome) => void },
  ): Promise<RequestOutcome> {
    const receivedAt = performance.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.movedPrefix && path.startsWith(`${options.movedPrefix}/`)) {
      if (options.record !== false)
        requests.push({
          method: req.method ?? 'GET',
          path,
          url: req.url ?? path,
          headers: req.headers,
          body: undefined,
          receivedAt,
          outcome: Promise.resolve('finished'),
        });
      req.resume();
      res.writeHead(307, { location: (req.url ?? '/').slice(options.movedPrefix.length) });
      res.end();
      return 'finished';
    }
    const isAnthropic = path === '/v1/messages' || req.headers['anthropic-version'] !== undefined;
    const errorBody = (status: number) =>
      isAnthropic ? anthropicError(status, presentedKey(req)) : openAIError(status, presentedKey(req));
    let body: Record<string, unknown>;
    try {
      body = (await readJson(req)) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, errorBody(400));
      return 'finished';
    }
    if (options.record !== false) {
      const outcome = new Promise<RequestOutcome>((resolve) => (track.settle = resolve));
      requests.push({
        method: req.method ?? 'GET',
        path,
        url: req.url ?? path,
        headers: req.headers,
        body,
        receivedAt,
        outcome,
      });
    }
    if (options.apiKey !== undefined && presentedKey(req) !== options.apiKey) {
      sendJson(res, 401, errorBody(401));
      return 'finished';
    }

    if (req.method === 'GET' && path === '/v1/models') {
      const models = options.models ?? DEFAULT_MODELS;
      const data = isAnthropic
        ? models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }))
        : models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'scripted' }));
      sendJson(
        res,
        200,
        isAnthropic ? { data, has_more: false, first_id: models[0], last_id: models.at(-1) } : { object: 'list', data },
      );
      return 'finished';
    }

    const route =
      req.method !== 'POST'
        ? null
        : path === '/v1/embeddings'
          ? 'embeddings'
          : path === '/v1/chat/completions' || path === '/v1/messages'
            ? 'chat'
            : null;
    if (!route) {
      sendJson(res, 404, errorBody(404));
      return 'finished';
    }
    const queued = (route === 'chat' ? chatQueue : embeddingQueue).shift();
    if (queued?.headersDelayMs) {
      try {
        await sleep(queued.headersDelayMs, undefined, { signal });
      } catch {
        return 'closed';
      }
    }
    if (queued?.status !== undefined && queued.status >= 400) {
      const headers: Record<string, string> =
        queued.retryAfter !== undefined ? { 'retry-after': String(queued.retryAfter) } : {};
      sendJson(res, queued.status, queued.errorBody ?? errorBody(queued.status), headers);
      return 'finished';
    }
    if (route === 'embeddings') {
      sendJson(res, 200, embeddingsResponse(body, options.embeddingDimensions ?? 256));
      return 'finished';
    }

    const call: ChatCall = isAnthropic ? parseAnthropicMessages(body) : parseOpenAIChat(body);
    const script = queued ?? respond(call);
    sequence += 1;
    const id = isAnthropic ? `msg_${sequence}` : `chatcmpl-${sequence}`;
    if (!call.stream) {
      sendJson(res, 200, isAnthropic ? anthropicMessage(call, script, id) : openAICompletion(call, script, id));
      return 'finished';
    }
    const frames = isAnthropic ? anthropicStreamFrames(call, script, id) : openAIStreamFrames(call, script, id);
    const malformedFrame = isAnthropic
      ? sseFrame('{"type": "content_block_delta", "index": 0, "delta": {', 'content_block_delta')
      : sseFrame('{"choices": [{"delta": {"content": ');
    openStreams += 1;
    maxOpenStreams = Math.max(maxOpenStreams, openStreams);
    return playFrames(res, frames, {
      firstTokenDelayMs: script.firstTokenDelayMs ?? 0,
      tokenDelayMs: script.tokenDelayMs ?? tokenDelayMs,
      dropAfter: script.dropAfter,
      malformedAt: script.malformed === true ? 0 : typeof script.malformed === 'number' ? script.malformed : undefined,
      malformedFrame,
      signal,
    }).finally(() => (openStreams -= 1));
  }

  const server = http.createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    const gone = new AbortController();
    const onClosing = () => gone.abort();
    closing.signal.addEventListener('abort', onClosing, { once: true });
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
      closing.signal.removeEventListener('abort', onClosing);
    });
    const track: { settle?: (outcome: RequestOutcome) => void } = {};
    handle(req, res, gone.signal, track).then(
      (outcome) => track.settle?.(outcome),
      () => {
        track.settle?.('error');
        if (!res.headersSent)
          sendJson(res, 500, { error: { message: 'scripted server failure', type: 'server_error' } });
        else res.destroy();
      },
    );
  });
  server.maxConnections = 10_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: `${url}/v1`,
    requests,
    enqueue: (...scripts) => void chatQueue.push(...scripts),
    enqueueEmbeddings: (...scripts) => void embeddingQueue.push(...scripts),
    pending: () => chatQueue.length + embeddingQueue.length,
    setTokenDelay: (ms) => void (tokenDelayMs = ms),
    streams: () => ({ open: openStreams, maxOpen: maxOpenStreams }),
    reset: () => {
      maxOpenStreams = openStreams;
      chatQueue.length = 0;
      embeddingQueue.length = 0;
      requests.length = 0;
    },
    close: async () => {
      closing.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
