import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { chatRequests, collect, FAKE_KEY, targetFor, WIRE_FORMATS } from '../../../test/support/model-server/harness';
import { createLogger } from '../log';
import { configureCircuitBreakers, embedTexts, LlmError, streamChat, testConnection } from './index';

/**
 * A provider key never leaves in an error or a log line, even when the provider's own
 * error body echoes it (the scripted server's 401 body does, as some proxies do).
 */
let server: ModelServer;
const lines: string[] = [];
const logger = createLogger(
  'debug',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
);

beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  configureCircuitBreakers({ failureThreshold: 2, cooldownMs: 60_000 });
  server.reset();
  lines.length = 0;
});

/** Every way an error may be shown, logged or serialised. */
function renderings(error: unknown): string[] {
  return [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  ];
}

function expectNoKey(texts: string[]): void {
  for (const text of texts) expect(text).not.toContain(FAKE_KEY);
  for (const text of texts) expect(text).not.toContain('SECRET');
}

describe.each(WIRE_FORMATS)('keys stay secret (%s)', (format) => {
  it('the scripted 401 body really echoes the key (so the checks below mean something)', async () => {
    server.enqueue({ status: 401 });
    const raw = await fetch(`${server.url}${format === 'openai' ? '/v1/chat/completions' : '/v1/messages'}`, {
      method: 'POST',
      headers: format === 'openai' ? { authorization: `Bearer ${FAKE_KEY}` } : { 'x-api-key': FAKE_KEY },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    expect(await raw.text()).toContain(FAKE_KEY);
  });

  it('is absent from every error a chat can end with, and from the log lines', async () => {
    server.enqueue(
      { status: 401 }, // auth
      { status: 500 },
      { status: 500 }, // retried, then unavailable (and the circuit opens)
      { text: ['partial'], dropAfter: 1 }, // dropped
      { text: ['x'], malformed: 0 }, // malformed
    );
    const errors: LlmError[] = [];
    const targets = [
      targetFor(server, format),
      targetFor(server, format),
      targetFor(server, format),
      targetFor(server, format),
    ];
    for (const target of targets) {
      const run = await collect(
        streamChat({ target, system: 's', messages: [{ role: 'user', content: 'hi' }], logger }),
      );
      if (run.error) errors.push(run.error);
    }
    // The circuit of the second target is open now: refused at once, answered by the fallback, logged.
    const open = await collect(
      streamChat({
        target: targets[1]!,
        fallback: targets[2]!,
        system: 's',
        messages: [{ role: 'user', content: 'hi' }],
        logger,
      }),
    );
    expect(open.finish?.usedFallback).toBe(true);

    expect(errors.map((e) => e.kind)).toEqual(['auth', 'unavailable', 'dropped', 'malformed']);
    for (const error of errors) {
      expect(error).toBeInstanceOf(LlmError);
      expectNoKey(renderings(error));
    }
    expect(lines.length).toBeGreaterThanOrEqual(3); // the retry, the circuit opening and the fallback were logged
    expect(lines.join('')).toMatch(/retrying/);
    expect(lines.join('')).toMatch(/fallback/);
    expectNoKey(lines);
  });
});

describe('keys stay secret whatever the error body holds', () => {
  it.each(WIRE_FORMATS)('drops an error code or type that carries the key (%s)', async (format) => {
    const echo = { message: FAKE_KEY, code: FAKE_KEY, type: FAKE_KEY, param: FAKE_KEY };
    server.enqueue({ status: 400, errorBody: format === 'openai' ? { error: echo } : { type: 'error', error: echo } });
    const run = await collect(
      streamChat({ target: targetFor(server, format), system: 's', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(run.error).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(run.error?.code).toBeUndefined();
    expectNoKey(renderings(run.error));
  });

  it('keeps a plain provider code, which tells the caller what went wrong', async () => {
    server.enqueue({
      status: 429,
      errorBody: { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } },
    });
    const run = await collect(
      streamChat({ target: targetFor(server, 'openai'), system: 's', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(run.error).toMatchObject({ kind: 'rate_limited', code: 'insufficient_quota' });
    expect(chatRequests(server)).toHaveLength(1); // an exhausted quota is not retried
  });
});

describe('keys stay secret outside chat', () => {
  it('in a failed embedding call', async () => {
    server.enqueueEmbeddings({ status: 401 });
    const error = await embedTexts(targetFor(server, 'openai', { modelId: 'text-embedding-3-small' }), ['a']).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expectNoKey(renderings(error));
  });

  it('in a connection test with a wrong key', async () => {
    const guarded = await startModelServer({ apiKey: 'sk-the-right-one' });
    try {
      for (const format of WIRE_FORMATS) {
        const report = await testConnection({ ...targetFor(guarded, format) });
        expect(report.ok).toBe(false);
        expect(report.message).toMatch(/rejected/);
        expectNoKey([report.message, JSON.stringify(report)]);
      }
    } finally {
      await guarded.close();
    }
  });
});
