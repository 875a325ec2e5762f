import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import {
  chatRequests,
  collect,
  targetFor,
  WIRE_FORMATS,
  type WireFormat,
} from '../../../test/support/model-server/harness';
import { configureCircuitBreakers, streamChat, type ChatRequest } from './index';

/** Timeouts, the single retry (Retry-After honoured) and the fallback model, in both wire formats. */
let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  configureCircuitBreakers();
  server.reset();
});

const FAST = { connectMs: 300, firstTokenMs: 300, totalMs: 10_000 };
const other = (format: WireFormat): WireFormat => (format === 'openai' ? 'anthropic' : 'openai');

function chat(format: WireFormat, extra: Partial<ChatRequest> = {}) {
  const started = performance.now();
  const request: ChatRequest = {
    target: targetFor(server, format),
    system: 's',
    messages: [{ role: 'user', content: 'hello' }],
    timeouts: FAST,
    ...extra,
  };
  return collect(streamChat(request)).then((run) => ({ ...run, elapsedMs: performance.now() - started, request }));
}

describe.each(WIRE_FORMATS)('resilience over the %s wire format', (format) => {
  it('times out a slow first token, closes that request and retries', async () => {
    server.enqueue({ text: ['too late'], firstTokenDelayMs: 5_000 }, { text: ['on ', 'time'] });
    const run = await chat(format);
    expect(run.text).toBe('on time');
    expect(run.finish?.usedFallback).toBe(false);
    const requests = chatRequests(server);
    expect(requests).toHaveLength(2);
    expect(await requests[0]?.outcome).toBe('closed');
    expect(run.elapsedMs).toBeGreaterThanOrEqual(FAST.firstTokenMs);
    expect(run.elapsedMs).toBeLessThan(3_000);
  });

  it('moves to the fallback model (of another provider) when the retry is slow too', async () => {
    server.enqueue(
      { text: ['late'], firstTokenDelayMs: 5_000 },
      { text: ['late again'], firstTokenDelayMs: 5_000 },
      { text: ['fallback ', 'here'] },
    );
    const fallback = targetFor(server, other(format));
    const run = await chat(format, { fallback });
    expect(run.text).toBe('fallback here');
    expect(run.finish).toMatchObject({ usedFallback: true, model: `${fallback.provider}:${fallback.modelId}` });
    const paths = chatRequests(server).map((r) => r.path);
    expect(paths).toHaveLength(3);
    expect(paths[2]).toBe(other(format) === 'openai' ? '/v1/chat/completions' : '/v1/messages');
  });

  it('ends with a timeout error when neither try produces a token and there is no fallback', async () => {
    server.enqueue({ text: ['late'], firstTokenDelayMs: 5_000 }, { text: ['late'], firstTokenDelayMs: 5_000 });
    const run = await chat(format);
    expect(run.types).toEqual(['error']);
    expect(run.error).toMatchObject({ kind: 'timeout', provider: format });
    expect(run.error?.message).toMatch(/first token within 300 ms/);
  });

  it('times out a server that accepts but sends no headers (connect timeout)', async () => {
    server.enqueue({ text: ['never'], headersDelayMs: 5_000 }, { text: ['second try'] });
    const run = await chat(format);
    expect(run.text).toBe('second try');
    expect(await chatRequests(server)[0]?.outcome).toBe('closed');
  });

  it('honours Retry-After on a 429 before its single retry', async () => {
    server.enqueue({ status: 429, retryAfter: 1 }, { text: ['after the wait'] });
    const run = await chat(format);
    expect(run.text).toBe('after the wait');
    const [first, second] = chatRequests(server);
    const waited = second!.receivedAt - first!.receivedAt;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(1_600);
  });

  it('does not wait out a Retry-After over the cap: fails with it at once, or takes the fallback', async () => {
    server.enqueue({ status: 429, retryAfter: 60 });
    const alone = await chat(format);
    expect(alone.error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 60 });
    expect(alone.elapsedMs).toBeLessThan(1_000);
    expect(chatRequests(server)).toHaveLength(1);

    server.enqueue({ status: 429, retryAfter: 60 }, { text: ['spare'] });
    const withFallback = await chat(format, { fallback: targetFor(server, other(format)) });
    expect(withFallback.text).toBe('spare');
    expect(withFallback.finish?.usedFallback).toBe(true);
    expect(withFallback.elapsedMs).toBeLessThan(1_000);
  });

  it('stops waiting for the retry as soon as the caller aborts', async () => {
    server.enqueue({ status: 429, retryAfter: 5 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const run = await chat(format, { abortSignal: controller.signal });
    expect(run.error?.kind).toBe('aborted');
    expect(run.elapsedMs).toBeLessThan(1_000);
    expect(chatRequests(server)).toHaveLength(1);
  });

  it('retries a 500 once and succeeds', async () => {
    server.enqueue({ status: 500 }, { text: ['recovered'] });
    const run = await chat(format);
    expect(run.text).toBe('recovered');
    expect(chatRequests(server)).toHaveLength(2);
    expect(run.finish?.usedFallback).toBe(false);
  });

  it('goes to the fallback after a 500 and a failed retry', async () => {
    server.enqueue({ status: 500 }, { status: 503 }, { text: ['from the fallback'] });
    const run = await chat(format, {
      fallback: targetFor(server, format, { modelId: format === 'openai' ? 'gpt-4.1-mini' : 'claude-sonnet-4-5' }),
    });
    expect(run.text).toBe('from the fallback');
    expect(run.finish?.usedFallback).toBe(true);
    expect(chatRequests(server)).toHaveLength(3);
  });

  it('reports unavailable with the status when both tries fail and there is no fallback', async () => {
    server.enqueue({ status: 500 }, { status: 502 });
    const run = await chat(format);
    expect(run.error).toMatchObject({ kind: 'unavailable', status: 502 });
  });

  it('neither retries nor falls back on a rejected key', async () => {
    server.enqueue({ status: 401 });
    const run = await chat(format, { fallback: targetFor(server, other(format)) });
    expect(run.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(chatRequests(server)).toHaveLength(1);
  });

  it('falls back at once on a malformed first chunk (no retry of a broken response)', async () => {
    server.enqueue({ text: ['x'], malformed: true }, { text: ['clean'] });
    const run = await chat(format, { fallback: targetFor(server, other(format)) });
    expect(run.text).toBe('clean');
    expect(run.finish?.usedFallback).toBe(true);
    expect(chatRequests(server)).toHaveLength(2);
  });

  it('ends a stream that outlives the total timeout with a timeout error after the partial text', async () => {
    server.enqueue({ text: Array.from({ length: 50 }, (_, i) => `t${i} `), tokenDelayMs: 50 });
    const run = await chat(format, { timeouts: { ...FAST, totalMs: 400 } });
    expect(run.text.startsWith('t0 t1 ')).toBe(true);
    expect(run.error?.kind).toBe('timeout');
    expect(run.elapsedMs).toBeLessThan(2_000);
    expect(chatRequests(server)).toHaveLength(1);
  });

  it('applies the first-token timeout to the step after a tool call, without re-sending', async () => {
    server.enqueue({ toolCall: { name: 'noop', arguments: {} } }, { text: ['slow'], firstTokenDelayMs: 5_000 });
    const run = await chat(format, {
      tools: { noop: { description: 'noop', inputSchema: z.object({}), execute: async () => 'ok' } },
    });
    expect(run.types).toEqual(['tool-call', 'tool-result', 'error']);
    expect(run.error?.kind).toBe('timeout');
    expect(chatRequests(server)).toHaveLength(2);
  });
});

describe('the total timeout', () => {
  it('is not charged to the fallback when it ran out on the primary', async () => {
    server.enqueue({ text: ['late'], firstTokenDelayMs: 5_000 });
    const fallback = targetFor(server, 'anthropic');
    const run = await chat('openai', { fallback, timeouts: { connectMs: 5_000, firstTokenMs: 5_000, totalMs: 300 } });
    expect(run.error?.kind).toBe('timeout');
    expect(chatRequests(server)).toHaveLength(1);
  });
});

describe('an unreachable model server', () => {
  it('is retried once, then the fallback answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = {
      provider: 'openai-compatible' as const,
      modelId: 'llama3.1',
      baseURL: `http://127.0.0.1:${port.port}/v1`,
      keyId: 'dead',
      trust: 'operator' as const,
    };
    const down = await collect(
      streamChat({ target: dead, system: 's', messages: [{ role: 'user', content: 'hi' }], timeouts: FAST }),
    );
    expect(down.error).toMatchObject({ kind: 'unavailable', code: 'ECONNREFUSED' });

    const run = await collect(
      streamChat({
        target: dead,
        fallback: targetFor(server, 'openai'),
        system: 's',
        messages: [{ role: 'user', content: 'hi' }],
        timeouts: FAST,
      }),
    );
    expect(run.text).toBe('You said: hi');
    expect(run.finish?.usedFallback).toBe(true);
  });
});
