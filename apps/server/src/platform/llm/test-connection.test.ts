import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY, targetFor } from '../../../test/support/model-server/harness';
import { testConnection } from './index';

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({
    apiKey: FAKE_KEY,
    models: ['gpt-4o-mini', 'text-embedding-3-small', 'claude-haiku-4-5-20251001'],
  });
});
afterAll(() => server.close());

describe('testConnection', () => {
  it('succeeds when the server lists the model', async () => {
    const report = await testConnection(targetFor(server, 'openai'));
    expect(report).toMatchObject({ ok: true, message: expect.stringMatching(/"gpt-4o-mini" is available/) });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests.at(-1)?.path).toBe('/v1/models');
  });

  it('confirms an unlisted alias with a one-token call (Anthropic lists dated ids)', async () => {
    const before = server.requests.length;
    const report = await testConnection(targetFor(server, 'anthropic'));
    expect(report).toMatchObject({ ok: true, message: expect.stringMatching(/answered/) });
    const calls = server.requests.slice(before);
    expect(calls.map((r) => r.path)).toEqual(['/v1/models', '/v1/messages']);
    expect((calls[1]?.body as { max_tokens: number }).max_tokens).toBe(1);
  });

  it('explains a wrong key', async () => {
    const report = await testConnection(targetFor(server, 'openai', { apiKey: 'sk-wrong' }));
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/API key was rejected .* \(HTTP 401\)/);
  });

  it('explains an unknown model and lists what the server offers', async () => {
    server.enqueue({ status: 404 });
    const report = await testConnection(targetFor(server, 'openai', { modelId: 'gpt-9' }));
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/does not offer the model "gpt-9"\. It offers: gpt-4o-mini/);
  });

  it('explains an unreachable server, naming only its origin', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const report = await testConnection({
      provider: 'openai-compatible',
      modelId: 'llama3.1',
      baseURL: `http://127.0.0.1:${port}/v1?token=abc`,
      keyId: 'x',
      trust: 'operator',
    });
    expect(report.ok).toBe(false);
    expect(report.message).toBe(
      `Could not reach http://127.0.0.1:${port} (ECONNREFUSED). Check the base URL and that the server is running.`,
    );
  });

  it('uses a one-token completion on servers without a model list', async () => {
    const bare = await startModelServer({ models: [] });
    try {
      const report = await testConnection({
        provider: 'openai-compatible',
        modelId: 'local-model',
        baseURL: bare.openaiBaseURL,
        keyId: 'x',
        trust: 'operator',
      });
      expect(report.ok).toBe(true);
      expect(bare.requests.map((r) => r.path)).toEqual(['/v1/models', '/v1/chat/completions']);
    } finally {
      await bare.close();
    }
  });

  it('says so when a hosted provider has no key', async () => {
    const report = await testConnection({ provider: 'google', modelId: 'gemini-2.5-flash', keyId: 'x' });
    expect(report).toMatchObject({ ok: false, message: 'No API key is set for this provider.' });
  });
});
