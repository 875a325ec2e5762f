import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureEgress } from '../../platform/egress';
import { configureMcpTimeout } from './settings';
import { configureCircuitBreakers } from '../../platform/llm';
import { systemContext, withTenant } from '../../platform/tenancy';
import type { TestClient } from '../../../test/support/client';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestMcpServer, type TestMcpServer } from '../../../test/support/mcp-server';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * Remote MCP servers: the SDK's own server on loopback (127.0.0.2, allowed like a public
 * host), reached through the egress guard; its tools listed, enabled per agent and called by
 * the model (the scripted model server) inside the turn's tool loop.
 */
let models: ModelServer;
let remote: TestMcpServer;
let rt: TestRuntime;
let a: TestWorkspace;
let b: TestWorkspace;
let agentId: string;
const TOKEN = 'mcp-secret-token-1234';

beforeAll(async () => {
  models = await startModelServer();
  remote = await startTestMcpServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    EGRESS_ALLOW_CIDRS: '127.0.0.2/32',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  a = await testWorkspace(rt, 'mcp-a');
  b = await testWorkspace(rt, 'mcp-b');
  agentId = (await a.api.post('/api/v1/agents', { name: 'Orders', answerMode: 'generative' })).body.agent.id;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
  await remote?.close();
});

beforeEach(() => {
  models.reset();
  configureCircuitBreakers();
});

const put = (c: TestClient, p: string, json: unknown) => c.json(p, { method: 'PUT', json });
const patch = (c: TestClient, p: string, json: unknown) => c.json(p, { method: 'PATCH', json });
const del = (c: TestClient, p: string) => c.json(p, { method: 'DELETE' });

async function connected(name: string) {
  const created = await a.owner.post('/api/v1/mcp-servers', { name, url: remote.url, bearerToken: TOKEN });
  expect(created.status).toBe(201);
  const id = created.body.mcpServer.id as string;
  const refreshed = await a.owner.post(`/api/v1/mcp-servers/${id}/refresh`, {});
  expect(refreshed.status).toBe(200);
  return refreshed.body.mcpServer;
}

async function toolCallsOf(conversationId: string) {
  const res = await a.api.json(`/api/v1/conversations/${conversationId}`);
  const answer = (res.body.messages as any[]).filter((m) => m.role === 'assistant').at(-1);
  return answer.toolCalls as Array<{ name: string; input: unknown; output?: unknown }>;
}

describe('connecting a server', () => {
  it('stores the token encrypted and masked, sends it as a bearer token, and lists the tools', async () => {
    const before = remote.authorizations.length;
    const server = await connected('orders');
    expect(server).toMatchObject({ name: 'orders', url: remote.url, hasToken: true, tokenHint: '••••1234' });
    expect(JSON.stringify(server)).not.toContain(TOKEN);
    expect(server.lastError).toBeNull();
    expect(server.tools.map((t: any) => t.name).sort()).toEqual(['broken', 'long_report', 'lookup_order', 'slow']);
    const lookup = server.tools.find((t: any) => t.name === 'lookup_order');
    expect(lookup.description).toBe('Look up an order by its number.');
    expect(lookup.inputSchema.properties.orderId).toMatchObject({ type: 'string' });
    const seen = remote.authorizations.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((h) => h === `Bearer ${TOKEN}`)).toBe(true);

    // Stored as ciphertext: the plain token is nowhere in the row.
    const rows = await withTenant(systemContext(a.id, 'test'), (tx) =>
      tx.query<{ token_enc: string }>('SELECT token_enc FROM mcp_servers WHERE id = $1', [server.id]),
    );
    expect(rows.rows[0]!.token_enc).not.toContain(TOKEN);
  });

  it('refuses a loopback address, and a name that is taken', async () => {
    const res = await a.owner.post('/api/v1/mcp-servers', { name: 'local', url: 'http://127.0.0.1:9/mcp' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('address_refused');
    for (const url of ['http://[::1]/mcp', 'http://[::ffff:127.0.0.1]/mcp', 'http://169.254.169.254/mcp']) {
      const refused = await a.owner.post('/api/v1/mcp-servers', { name: 'local', url });
      expect(refused.status, url).toBe(400);
    }
    const bad = await a.owner.post('/api/v1/mcp-servers', { name: 'has space', url: remote.url });
    expect(bad.status).toBe(400);
    await a.owner.post('/api/v1/mcp-servers', { name: 'dupe', url: remote.url });
    const again = await a.owner.post('/api/v1/mcp-servers', { name: 'DUPE', url: remote.url });
    expect(again.status).toBe(409);
  });

  it('keeps the egress guard’s refusal as the last error when the address is no longer allowed', async () => {
    const created = await a.owner.post('/api/v1/mcp-servers', { name: 'guarded', url: remote.url });
    configureEgress({ allowCidrs: [] });
    const before = remote.server.requests.length;
    try {
      const res = await a.owner.post(`/api/v1/mcp-servers/${created.body.mcpServer.id}/refresh`, {});
      expect(res.status).toBe(200);
      expect(res.body.mcpServer.lastError).toMatch(/not allowed|refused|private|loopback/i);
      expect(res.body.mcpServer.tools).toEqual([]);
    } finally {
      configureEgress({ allowCidrs: ['127.0.0.2/32'] });
    }
    expect(remote.server.requests.length).toBe(before);
  });
});

describe('tools in the agent’s tool loop', () => {
  it('offers only the enabled tools, calls one for the model and records the call', async () => {
    const server = await connected('shop');
    const enabled = await put(a.owner, `/api/v1/mcp-servers/${server.id}/agents/${agentId}`, {
      tools: ['lookup_order', 'broken', 'long_report', 'slow'],
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body.mcpServer.agentTools[agentId]).toEqual(['broken', 'long_report', 'lookup_order', 'slow']);
    const unknown = await put(a.owner, `/api/v1/mcp-servers/${server.id}/agents/${agentId}`, { tools: ['nope'] });
    expect(unknown.status).toBe(400);

    models.enqueue(
      { toolCall: { name: 'shop__lookup_order', arguments: { orderId: 'A-1001' } } },
      { text: ['Your order shipped on Monday.'] },
    );
    const conv = (await a.api.post('/api/v1/conversations', { agentId })).body.conversation.id;
    const answer = await say(a.api, conv, 'Where is my order A-1001?');
    expect(answer.status).toBe(200);
    expect(answer.body.content).toBe('Your order shipped on Monday.');

    const chats = models.requests.filter((r) => r.path === '/v1/chat/completions');
    const offered = ((chats[0]!.body as any).tools as any[]).map((t) => t.function.name);
    expect(offered).toEqual(expect.arrayContaining(['shop__lookup_order', 'shop__broken', 'shop__long_report']));
    expect(offered).not.toContain('orders__lookup_order');
    // The model's second step saw the remote tool's text.
    expect(JSON.stringify(chats[1]!.body)).toContain('Order A-1001 shipped on Monday by courier.');
    expect(remote.calls.at(-1)).toEqual({ name: 'lookup_order', arguments: { orderId: 'A-1001' } });

    const calls = await toolCallsOf(conv);
    expect(calls).toEqual([
      expect.objectContaining({
        name: 'shop__lookup_order',
        input: { orderId: 'A-1001' },
        output: 'Order A-1001 shipped on Monday by courier.',
      }),
    ]);
  });

  it('truncates long results and gives an error result to the model as a short error', async () => {
    models.enqueue(
      {
        toolCall: [
          { name: 'shop__long_report', arguments: {} },
          { name: 'shop__broken', arguments: {} },
        ],
      },
      { text: ['Sorry.'] },
    );
    const conv = (await a.api.post('/api/v1/conversations', { agentId })).body.conversation.id;
    expect((await say(a.api, conv, 'Report?')).status).toBe(200);
    const second = JSON.stringify(models.requests.filter((r) => r.path === '/v1/chat/completions')[1]!.body);
    expect(second).toContain('[truncated]');
    expect(second).not.toContain('x'.repeat(8_001));
    expect(second).toContain('The order system is down.');
  });

  it('gives up on a tool that does not answer in time, and tells the model so', async () => {
    configureMcpTimeout(1000);
    try {
      models.enqueue({ toolCall: { name: 'shop__slow', arguments: {} } }, { text: ['It is slow today.'] });
      const conv = (await a.api.post('/api/v1/conversations', { agentId })).body.conversation.id;
      const answer = await say(a.api, conv, 'Slow?');
      expect(answer.status).toBe(200);
      expect(answer.body.content).toBe('It is slow today.');
      const second = JSON.stringify(models.requests.filter((r) => r.path === '/v1/chat/completions')[1]!.body);
      expect(second).toMatch(/in time|timed out/i);
      expect(second).not.toContain('Finally.');
    } finally {
      configureMcpTimeout(15_000);
    }
  });

  it('gives no tools to an agent that was not enabled, nor to another workspace', async () => {
    const other = (await a.api.post('/api/v1/agents', { name: 'Plain', answerMode: 'generative' })).body.agent.id;
    models.enqueue({ text: ['Hello.'] });
    const conv = (await a.api.post('/api/v1/conversations', { agentId: other })).body.conversation.id;
    await say(a.api, conv, 'Hi');
    const offered = ((models.requests.at(-1)!.body as any).tools ?? []).map((t: any) => t.function.name);
    expect(offered.filter((n: string) => n.includes('__'))).toEqual([]);
  });
});

describe('isolation', () => {
  it('hides one workspace’s servers from another (404, absent from lists)', async () => {
    const server = await connected('private');
    expect((await b.owner.json(`/api/v1/mcp-servers/${server.id}`)).status).toBe(404);
    expect((await patch(b.owner, `/api/v1/mcp-servers/${server.id}`, { name: 'stolen' })).status).toBe(404);
    expect((await b.owner.post(`/api/v1/mcp-servers/${server.id}/refresh`, {})).status).toBe(404);
    expect((await put(b.owner, `/api/v1/mcp-servers/${server.id}/agents/${agentId}`, { tools: [] })).status).toBe(404);
    expect((await del(b.owner, `/api/v1/mcp-servers/${server.id}`)).status).toBe(404);
    const list = await b.owner.json('/api/v1/mcp-servers');
    expect(list.body.mcpServers).toEqual([]);
    // B cannot enable A's agent on its own server either.
    const own = await b.owner.post('/api/v1/mcp-servers', { name: 'mine', url: remote.url });
    expect(
      (await put(b.owner, `/api/v1/mcp-servers/${own.body.mcpServer.id}/agents/${agentId}`, { tools: [] })).status,
    ).toBe(404);
    expect((await a.owner.json(`/api/v1/mcp-servers/${server.id}`)).body.mcpServer.name).toBe('private');
  });

  it('is for people only: API keys are refused', async () => {
    expect((await a.api.json('/api/v1/mcp-servers')).status).toBe(403);
  });

  it('updates and deletes', async () => {
    const created = await a.owner.post('/api/v1/mcp-servers', { name: 'temp', url: remote.url, bearerToken: 'short' });
    const id = created.body.mcpServer.id;
    expect(created.body.mcpServer.tokenHint).toBe('••••');
    const cleared = await patch(a.owner, `/api/v1/mcp-servers/${id}`, { bearerToken: null, name: 'temp2' });
    expect(cleared.body.mcpServer).toMatchObject({ name: 'temp2', hasToken: false, tokenHint: null });
    expect((await del(a.owner, `/api/v1/mcp-servers/${id}`)).status).toBe(200);
    expect((await a.owner.json(`/api/v1/mcp-servers/${id}`)).status).toBe(404);
  });
});
