import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../../test/support/fixtures/http-server';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { collect, FAKE_KEY } from '../../../test/support/model-server/harness';
import { carries, startRedirector } from '../../../test/support/model-server/redirector';
import { configureEgress } from '../egress';
import {
  configureCircuitBreakers,
  embedTexts,
  rerank,
  streamChat,
  testConnection,
  type ModelTarget,
  type ProviderName,
} from './index';

/**
 * A workspace's model server (on 127.0.0.2, which these tests allow) that redirects the
 * platform elsewhere: to 127.0.0.1, standing for the internal network (loopback stays
 * forbidden), or to 127.0.0.3, another allowed host. Whatever the redirect, the internal
 * service is never reached, no key travels to another host, and nothing the internal
 * service would answer shows up in what the workspace sees.
 */
const INTERNAL_MODELS = ['internal-only-model-a', 'internal-only-model-b'];
const INTERNAL_ANSWER = 'INTERNAL-SERVICE-ANSWER';

let internal: ModelServer;
let other: ModelServer;
const redirectors: LocalServer[] = [];

beforeAll(async () => {
  internal = await startModelServer({ models: INTERNAL_MODELS, defaultResponder: () => ({ text: [INTERNAL_ANSWER] }) });
  other = await startModelServer({ host: '127.0.0.3', defaultResponder: () => ({ text: ['other host answer'] }) });
  configureEgress({ allowCidrs: ['127.0.0.2/32', '127.0.0.3/32'] });
});

afterAll(async () => {
  configureEgress({});
  await Promise.all([internal?.close(), other?.close()]);
});

afterEach(async () => {
  internal.reset();
  other.reset();
  configureCircuitBreakers();
  await Promise.all(redirectors.splice(0).map((r) => r.close()));
});

async function redirector(to: string, status: 301 | 302 | 303 | 307 | 308): Promise<LocalServer> {
  const server = await startRedirector(to, status);
  redirectors.push(server);
  return server;
}

const MODEL_IDS: Record<ProviderName, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  google: 'gemini-2.5-flash',
  'openai-compatible': 'test-model',
};
const BASE_PATHS: Record<ProviderName, string> = {
  openai: '/v1',
  anthropic: '/v1',
  google: '/v1beta',
  'openai-compatible': '/v1',
};

/** A workspace's own credential: its base URL is the redirector. */
function tenantTarget(provider: ProviderName, origin: string, overrides: Partial<ModelTarget> = {}): ModelTarget {
  return {
    provider,
    modelId: MODEL_IDS[provider],
    apiKey: FAKE_KEY,
    baseURL: `${origin}${BASE_PATHS[provider]}`,
    keyId: `tenant:${randomUUID()}`,
    trust: 'tenant',
    ...overrides,
  };
}

const ask = (text: string) => [{ role: 'user' as const, content: text }];

describe('a workspace model server redirecting to an internal address', () => {
  it.each([
    ['openai-compatible', 302],
    ['openai-compatible', 307],
    ['anthropic', 302],
    ['anthropic', 307],
    ['google', 307],
  ] as const)('a %s chat turn through a %i never reaches it', async (provider, status) => {
    const hop = await redirector(internal.url, status);
    const run = await collect(
      streamChat({ target: tenantTarget(provider, hop.origin), system: 's', messages: ask('hello') }),
    );
    expect(hop.requests.length).toBeGreaterThan(0);
    expect(internal.requests).toHaveLength(0);
    expect(run.text).not.toContain(INTERNAL_ANSWER);
    expect(run.error?.kind).toBe('refused');
    expect(run.error?.message).toMatch(/redirect/);
    expect(JSON.stringify(run.error)).not.toMatch(/127\.0\.0\.1|INTERNAL/);
  });

  it.each([302, 307] as const)('embeddings through a %i never reach it', async (status) => {
    const hop = await redirector(internal.url, status);
    const failure = await embedTexts(
      tenantTarget('openai-compatible', hop.origin, { modelId: 'text-embedding-3-small' }),
      ['a passage'],
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(internal.requests).toHaveLength(0);
    expect(failure).toMatchObject({ name: 'LlmError', kind: 'refused' });
    expect(JSON.stringify(failure)).not.toContain('127.0.0.1');
  });

  it.each(['openai-compatible', 'anthropic'] as const)(
    'the %s connection test neither reaches it nor repeats what it would list',
    async (provider) => {
      const hop = await redirector(internal.url, 302);
      const report = await testConnection(tenantTarget(provider, hop.origin));
      expect(internal.requests).toHaveLength(0);
      expect(report.ok).toBe(false);
      for (const id of INTERNAL_MODELS) expect(report.message).not.toContain(id);
      expect(report.message).toMatch(/redirect/);
      expect(report.message).not.toContain('127.0.0.1');
    },
  );
});

describe('a workspace model server redirecting to another allowed host', () => {
  it.each(['openai-compatible', 'anthropic', 'google'] as const)(
    '%s: the key does not travel there (the redirect is not followed)',
    async (provider) => {
      const hop = await redirector(other.url, 307);
      const run = await collect(
        streamChat({ target: tenantTarget(provider, hop.origin), system: 's', messages: ask('hello') }),
      );
      expect(carries(hop.requests, FAKE_KEY)).toBe(true);
      expect(carries(other.requests, FAKE_KEY)).toBe(false);
      expect(other.requests).toHaveLength(0);
      expect(run.error?.kind).toBe('refused');
    },
  );

  it('the connection test does not send the Anthropic key there', async () => {
    const hop = await redirector(other.url, 302);
    await testConnection(tenantTarget('anthropic', hop.origin));
    expect(carries(other.requests, FAKE_KEY)).toBe(false);
    expect(other.requests).toHaveLength(0);
  });
});

describe('operator-configured model servers', () => {
  it('reach a private address, but a redirect to another host carries no key', async () => {
    // The operator's base URL may be internal (127.0.0.1 here is not in the allow-list)...
    const platform: ModelTarget = { ...tenantTarget('anthropic', internal.url), trust: 'operator' };
    expect((await collect(streamChat({ target: platform, system: 's', messages: ask('hi') }))).text).toBe(
      INTERNAL_ANSWER,
    );
    // ...but a redirect off it is not followed with the key.
    const hop = await redirector(other.url, 307);
    const run = await collect(
      streamChat({
        target: { ...tenantTarget('anthropic', hop.origin), trust: 'operator' },
        system: 's',
        messages: ask('hi'),
      }),
    );
    expect(other.requests).toHaveLength(0);
    expect(run.error?.kind).toBe('refused');
  });

  it('rerank does not follow a redirect to another host', async () => {
    const hop = await redirector(other.url, 307);
    await expect(
      rerank({ baseURL: `${hop.origin}/v1`, model: 'rerank', apiKey: FAKE_KEY }, 'q', ['a', 'b'], 2),
    ).rejects.toThrow(/redirect/);
    expect(hop.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });
});

describe('redirects within the same server', () => {
  it.each(['openai', 'openai-compatible', 'anthropic'] as const)(
    '%s: followed, key and all (a proxy moving its path)',
    async (provider) => {
      // The same origin: /old/v1/... answers 307 to /v1/... on the same server.
      const models = await startModelServer({
        host: '127.0.0.2',
        apiKey: FAKE_KEY,
        movedPrefix: '/old',
        defaultResponder: () => ({ text: ['moved answer'] }),
      });
      try {
        const target = tenantTarget(provider, models.url, { baseURL: `${models.url}/old/v1` });
        const run = await collect(streamChat({ target, system: 's', messages: ask('hi') }));
        expect(run.text).toBe('moved answer');
        expect(models.requests.map((r) => r.path)).toEqual([
          '/old/v1/' + (provider === 'anthropic' ? 'messages' : 'chat/completions'),
          provider === 'anthropic' ? '/v1/messages' : '/v1/chat/completions',
        ]);
      } finally {
        await models.close();
      }
    },
  );
});

describe("a workspace model server's name", () => {
  it('is resolved by the guard, connected to as checked, and refused once it points inside', async () => {
    const models = await startModelServer({ host: '127.0.0.2', defaultResponder: () => ({ text: ['public answer'] }) });
    let answer = ['127.0.0.2'];
    configureEgress({ allowCidrs: ['127.0.0.2/32', '127.0.0.3/32'], resolve: async () => answer });
    try {
      const port = new URL(models.url).port;
      const target = tenantTarget('openai-compatible', `http://models.tenant.test:${port}`);
      expect((await collect(streamChat({ target, system: 's', messages: ask('hi') }))).text).toBe('public answer');
      expect(models.requests[0]?.headers.host).toBe(`models.tenant.test:${port}`);
      // The owner's DNS now answers with the internal service's address (rebinding after saving).
      answer = ['127.0.0.1'];
      const run = await collect(
        streamChat({
          target: { ...target, baseURL: `http://models.tenant.test:${new URL(internal.url).port}/v1` },
          system: 's',
          messages: ask('hi'),
        }),
      );
      expect(internal.requests).toHaveLength(0);
      expect(run.error).toMatchObject({ kind: 'refused', code: 'forbidden_address' });
      expect(run.error?.message).not.toContain('127.0.0.1');
    } finally {
      configureEgress({ allowCidrs: ['127.0.0.2/32', '127.0.0.3/32'] });
      await models.close();
    }
  });
});
