import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../../test/support/fixtures/http-server';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { carries, startRedirector } from '../../../test/support/model-server/redirector';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * A workspace owner saves a model server on an address the platform allows (127.0.0.2 here)
 * that redirects every request: to 127.0.0.1, standing for an internal service (loopback is
 * not in EGRESS_ALLOW_CIDRS), or to 127.0.0.3, another allowed host. Over the real API: the
 * connection test and chat turns never reach the internal service, never hand the workspace's
 * key to another host, and never tell the workspace what the internal service would answer.
 */
const SECRET = 'sk-tenant-REDIRECT-4242';
const INTERNAL_MODELS = ['internal-billing-model', 'internal-hr-model'];
const INTERNAL_ANSWER = 'INTERNAL-SERVICE-ANSWER';

let rt: TestRuntime;
let ws: TestWorkspace;
let internal: ModelServer;
let other: ModelServer;
let platform: ModelServer;
const redirectors: LocalServer[] = [];

beforeAll(async () => {
  internal = await startModelServer({ models: INTERNAL_MODELS, defaultResponder: () => ({ text: [INTERNAL_ANSWER] }) });
  other = await startModelServer({ host: '127.0.0.3', defaultResponder: () => ({ text: ['other host answer'] }) });
  // The operator's own model server, on loopback like the internal service: trusted.
  platform = await startModelServer({ defaultResponder: () => ({ text: ['platform answer'] }) });
  rt = await startTestRuntime({
    EGRESS_ALLOW_CIDRS: '127.0.0.2/32,127.0.0.3/32',
    OPENAI_COMPATIBLE_BASE_URL: platform.openaiBaseURL,
    DEFAULT_MODEL: 'openai-compatible:test-model',
  });
  ws = await testWorkspace(rt, 'redirects');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await Promise.all([internal?.close(), other?.close(), platform?.close()]);
});

afterEach(async () => {
  internal.reset();
  other.reset();
  await Promise.all(redirectors.splice(0).map((r) => r.close()));
});

type Provider = 'openai-compatible' | 'anthropic';

/** A saved credential whose base URL redirects to `to`. */
async function redirectingCredential(
  provider: Provider,
  to: string,
  status: 302 | 307,
): Promise<{ id: string; hop: LocalServer }> {
  const hop = await startRedirector(to, status);
  redirectors.push(hop);
  const created = await ws.owner.post('/api/v1/provider-keys', {
    provider,
    label: `Redirecting ${provider}`,
    apiKey: SECRET,
    baseUrl: `${hop.origin}/v1`,
  });
  expect(created.status).toBe(201);
  return { id: created.body.key.id as string, hop };
}

async function conversationWith(provider: Provider, credentialId: string): Promise<string> {
  const modelId = provider === 'anthropic' ? 'claude-haiku-4-5' : 'test-model';
  const agent = await ws.api.post('/api/v1/agents', {
    name: `Agent ${provider}`,
    answerMode: 'generative',
    model: { provider, modelId, credentialId },
  });
  expect(agent.status).toBe(201);
  const conversation = await ws.api.post('/api/v1/conversations', { agentId: agent.body.agent.id });
  expect(conversation.status).toBe(201);
  return conversation.body.conversation.id as string;
}

const CASES = [
  ['openai-compatible', 302],
  ['openai-compatible', 307],
  ['anthropic', 302],
  ['anthropic', 307],
] as const;

describe('a workspace model server that redirects to an internal address', () => {
  it.each(CASES)(
    '%s, %i: the connection test does not reach it and does not list its models',
    async (provider, status) => {
      const { id, hop } = await redirectingCredential(provider, internal.url, status);
      const test = await ws.owner.post(`/api/v1/provider-keys/${id}/test`, {});
      expect(test.status).toBe(200);
      expect(hop.requests.length).toBeGreaterThan(0);
      expect(internal.requests).toHaveLength(0);
      expect(test.body.ok).toBe(false);
      const shown = JSON.stringify(test.body);
      for (const model of INTERNAL_MODELS) expect(shown).not.toContain(model);
      expect(shown).not.toContain('127.0.0.1');
      // A message the owner can act on.
      expect(test.body.message).toMatch(/redirect/);
    },
  );

  it.each(CASES)('%s, %i: a chat turn does not reach it and does not show its answer', async (provider, status) => {
    const { id } = await redirectingCredential(provider, internal.url, status);
    const conversationId = await conversationWith(provider, id);
    const reply = await say(ws.api, conversationId, 'What is in the internal wiki?');
    expect(internal.requests).toHaveLength(0);
    expect(reply.status).toBe(503);
    expect(reply.body.error.message).toMatch(/redirect/);
    const stored = await ws.api.json(`/api/v1/conversations/${conversationId}`);
    const seen = JSON.stringify([reply.body, stored.body]);
    expect(seen).not.toContain(INTERNAL_ANSWER);
    expect(seen).not.toContain('127.0.0.1');
  });
});

describe('a workspace model server that redirects to another allowed host', () => {
  it.each(['openai-compatible', 'anthropic'] as const)(
    '%s: neither the connection test nor a chat turn hands the key over',
    async (provider) => {
      const { id, hop } = await redirectingCredential(provider, other.url, 307);
      await ws.owner.post(`/api/v1/provider-keys/${id}/test`, {});
      await say(ws.api, await conversationWith(provider, id), 'Hello');
      // The key went where the owner pointed it, and no further.
      expect(carries(hop.requests, SECRET)).toBe(true);
      expect(carries(other.requests, SECRET)).toBe(false);
      expect(other.requests).toHaveLength(0);
    },
  );
});

describe("the operator's model server", () => {
  it('is reached on a private address: the operator chose it (OPENAI_COMPATIBLE_BASE_URL)', async () => {
    const agent = await ws.api.post('/api/v1/agents', {
      name: 'Platform agent',
      answerMode: 'generative',
      model: { provider: 'openai-compatible', modelId: 'test-model' },
    });
    expect(agent.status).toBe(201);
    const conversation = await ws.api.post('/api/v1/conversations', { agentId: agent.body.agent.id });
    const reply = await say(ws.api, conversation.body.conversation.id, 'Hello');
    expect(reply.body.content).toBe('platform answer');
    expect(platform.requests.length).toBeGreaterThan(0);
  });
});
