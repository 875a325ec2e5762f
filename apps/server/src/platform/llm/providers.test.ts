import { embedMany, generateText } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embeddingModel, languageModel } from './providers';
import type { ModelTarget } from './types';

/**
 * The SDKs fall back to OPENAI_BASE_URL, ANTHROPIC_BASE_URL and the *_API_KEY variables
 * when a setting is left out. A tenant's target must never pick those up. The calls are
 * caught by a fake fetch: nothing leaves the process.
 */
function recordingFetch() {
  const calls: Array<{ url: string; headers: Headers }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response('{"error":{"message":"stop"}}', {
      status: 400,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, fetch };
}

afterEach(() => vi.unstubAllEnvs());

describe('provider construction', () => {
  it.each([
    ['openai', 'https://api.openai.com/v1/chat/completions', 'authorization', 'Bearer tenant-key'],
    ['anthropic', 'https://api.anthropic.com/v1/messages', 'x-api-key', 'tenant-key'],
    [
      'google',
      'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent',
      'x-goog-api-key',
      'tenant-key',
    ],
  ] as const)(
    'sends a %s tenant target to the public API with its own key, whatever the environment says',
    async (provider, url, header, value) => {
      vi.stubEnv('OPENAI_BASE_URL', 'http://platform-proxy.invalid/v1');
      vi.stubEnv('ANTHROPIC_BASE_URL', 'http://platform-proxy.invalid/v1');
      vi.stubEnv('OPENAI_API_KEY', 'platform-key');
      vi.stubEnv('ANTHROPIC_API_KEY', 'platform-key');
      vi.stubEnv('GOOGLE_GENERATIVE_AI_API_KEY', 'platform-key');
      const { calls, fetch } = recordingFetch();
      const target: ModelTarget = { provider, modelId: 'm', apiKey: 'tenant-key', keyId: 'tenant' };
      await generateText({ model: languageModel(target, fetch), prompt: 'x', maxRetries: 0 }).catch(() => undefined);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.url).toBe(url);
      expect(calls[0]?.headers.get(header)).toBe(value);
      expect(JSON.stringify([...calls[0]!.headers])).not.toContain('platform-key');
    },
  );

  it('strips a trailing slash from a base URL', async () => {
    const { calls, fetch } = recordingFetch();
    const target: ModelTarget = {
      provider: 'openai-compatible',
      modelId: 'e',
      baseURL: 'http://127.0.0.1:1/v1/',
      keyId: 'k',
    };
    await embedMany({ model: embeddingModel(target, fetch), values: ['a'], maxRetries: 0 }).catch(() => undefined);
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/v1/embeddings');
  });
});
