import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The workspace's MCP endpoint driven by the MCP SDK's own client over real HTTP: the tools
 * it lists, knowledge search and an agent's answer (extractive: no model needed), and the
 * API key's scopes, agents and workspace respected.
 */
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });
let a: TestWorkspace;
let b: TestWorkspace;
let agentA: string;
let otherA: string;
let readKey: string;
let limitedKey: string;
const open: Client[] = [];

async function connect(apiKey: string): Promise<Client> {
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${rt.current.url}/api/v1/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  open.push(client);
  return client;
}

const text = (result: any) => (result.content as Array<{ text: string }>).map((c) => c.text).join('\n');

beforeAll(async () => {
  a = await testWorkspace(rt.current, 'mcp-endpoint-a');
  b = await testWorkspace(rt.current, 'mcp-endpoint-b');
  await a.api.post('/api/v1/knowledge/qa', {
    question: 'How long is the warranty?',
    answer: 'Every device has a two-year warranty.',
  });
  agentA = (await a.api.post('/api/v1/agents', { name: 'Support', answerMode: 'extractive' })).body.agent.id;
  otherA = (await a.api.post('/api/v1/agents', { name: 'Sales', answerMode: 'extractive' })).body.agent.id;
  readKey = (await a.owner.post('/api/v1/api-keys', { name: 'read', scopes: ['read'] })).body.secret;
  limitedKey = (
    await a.owner.post('/api/v1/api-keys', { name: 'one agent', scopes: ['read', 'write'], agentIds: [otherA] })
  ).body.secret;
}, 60_000);

afterAll(async () => {
  for (const client of open) await client.close();
});

describe('the MCP endpoint', () => {
  it('lists its tools to the SDK client', async () => {
    const client = await connect(a.apiKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask_agent', 'list_agents', 'search_knowledge']);
    const ask = tools.find((t) => t.name === 'ask_agent')!;
    expect(ask.inputSchema.required).toEqual(expect.arrayContaining(['agentId', 'question']));
  });

  it('searches the knowledge, and asks an agent (answer and sources)', async () => {
    const client = await connect(a.apiKey);
    const found = await client.callTool({ name: 'search_knowledge', arguments: { query: 'warranty' } });
    expect(found.isError).toBeFalsy();
    expect(text(found)).toContain('two-year warranty');
    expect(text(found)).toMatch(/^\[1\] /);

    const answer = await client.callTool({
      name: 'ask_agent',
      arguments: { agentId: agentA, question: 'How long is the warranty?' },
    });
    expect(answer.isError).toBeFalsy();
    expect(text(answer)).toContain('two-year warranty');
    expect(text(answer)).toContain('Sources:');

    const agents = await client.callTool({ name: 'list_agents', arguments: {} });
    expect(text(agents)).toContain(agentA);
  });

  it('refuses ask_agent to a read-only key, naming the scope', async () => {
    const client = await connect(readKey);
    const answer = await client.callTool({ name: 'ask_agent', arguments: { agentId: agentA, question: 'Warranty?' } });
    expect(answer.isError).toBe(true);
    expect(text(answer)).toMatch(/write scope/);
    // Reading is what the key is for.
    const found = await client.callTool({ name: 'search_knowledge', arguments: { query: 'warranty' } });
    expect(found.isError).toBeFalsy();
  });

  it('keeps a key limited to one agent away from the others', async () => {
    const client = await connect(limitedKey);
    const agents = text(await client.callTool({ name: 'list_agents', arguments: {} }));
    expect(agents).toContain(otherA);
    expect(agents).not.toContain(agentA);
    const answer = await client.callTool({ name: 'ask_agent', arguments: { agentId: agentA, question: 'Warranty?' } });
    expect(answer.isError).toBe(true);
    expect(text(answer)).toMatch(/not found/i);
    const search = await client.callTool({
      name: 'search_knowledge',
      arguments: { query: 'warranty', agentId: agentA },
    });
    expect(search.isError).toBe(true);
  });

  it('keeps workspace B’s key away from A’s agents and knowledge', async () => {
    const client = await connect(b.apiKey);
    const answer = await client.callTool({ name: 'ask_agent', arguments: { agentId: agentA, question: 'Warranty?' } });
    expect(answer.isError).toBe(true);
    expect(text(answer)).toMatch(/not found/i);
    const found = await client.callTool({ name: 'search_knowledge', arguments: { query: 'warranty' } });
    expect(text(found)).not.toContain('two-year');
    const agents = text(await client.callTool({ name: 'list_agents', arguments: {} }));
    expect(agents).not.toContain(agentA);
  });

  it('refuses a missing or wrong key, and answers 405 to GET', async () => {
    const client = new Client({ name: 'anonymous', version: '1.0.0' });
    await expect(
      client.connect(new StreamableHTTPClientTransport(new URL(`${rt.current.url}/api/v1/mcp`))),
    ).rejects.toThrow(/unauthorized/);
    await expect(connect('sb_live_not-a-real-key')).rejects.toThrow(/invalid_api_key/);
    const res = await fetch(`${rt.current.url}/api/v1/mcp`, { headers: { authorization: `Bearer ${a.apiKey}` } });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
  });
});
