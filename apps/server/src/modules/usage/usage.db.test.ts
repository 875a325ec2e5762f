import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureCircuitBreakers } from '../../platform/llm';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { TestClient } from '../../../test/support/client';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * Usage metering end to end: answers from the scripted model server are counted with the
 * tokens it reported and the cost of their model's price, extractive answers as messages
 * with 0 tokens, per workspace, month and agent; retries and other workspaces never change
 * a workspace's numbers.
 */
let models: ModelServer;
let rt: TestRuntime;
let ws: TestWorkspace;
let other: TestWorkspace;
const agent: Record<'priced' | 'unpriced' | 'house' | 'extractive', string> = {
  priced: '',
  unpriced: '',
  house: '',
  extractive: '',
};

const thisMonth = () => new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    MODEL_PRICES: JSON.stringify({ 'openai:house-model': { input: 10, output: 20 } }),
  });
  ws = await testWorkspace(rt, 'usage');
  other = await testWorkspace(rt, 'usage-other');
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What is the warranty period?',
    answer: 'Every device has a two-year warranty.',
  });
  const create = async (client: TestClient, body: Record<string, unknown>) => {
    const res = await client.post('/api/v1/agents', body);
    expect(res.status).toBe(201);
    return res.body.agent.id as string;
  };
  agent.priced = await create(ws.api, { name: 'Priced', answerMode: 'generative' });
  agent.unpriced = await create(ws.api, {
    name: 'Local',
    answerMode: 'generative',
    model: { provider: 'openai', modelId: 'test-model' },
  });
  agent.house = await create(ws.api, {
    name: 'House',
    answerMode: 'generative',
    model: { provider: 'openai', modelId: 'house-model' },
  });
  agent.extractive = await create(ws.api, { name: 'Extractive', answerMode: 'extractive' });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

beforeEach(() => {
  models.reset();
  configureCircuitBreakers();
});

async function conversation(agentId: string, client: TestClient = ws.api): Promise<string> {
  const res = await client.post('/api/v1/conversations', { agentId });
  expect(res.status).toBe(201);
  return res.body.conversation.id;
}

async function usage(client: TestClient = ws.api, query = '') {
  const res = await client.json(`/api/v1/usage${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

const agentRow = (report: any, agentId: string) => report.agents.find((a: any) => a.agentId === agentId);
const monthRow = (report: any) => report.months.find((m: any) => m.month === thisMonth());

describe('usage metering', () => {
  it('counts the tokens the model server reported and prices them by the model', async () => {
    const before = await usage();
    models.enqueue({ text: ['Hello', ' there'], usage: { inputTokens: 1_200, outputTokens: 300 } });
    const answer = await say(ws.api, await conversation(agent.priced), 'Hi');
    // gpt-4o-mini: $0.15 in, $0.60 out per million tokens.
    expect(answer.body.usage).toEqual({ tokensIn: 1_200, tokensOut: 300, costUsd: 0.00036, unpriced: false });

    // A tool round trip is two model calls: both are counted.
    models.enqueue(
      {
        toolCall: { name: 'search_knowledge', arguments: { query: 'warranty' } },
        usage: { inputTokens: 500, outputTokens: 20 },
      },
      { text: ['Two years [1].'], usage: { inputTokens: 700, outputTokens: 10 } },
    );
    const tooled = await say(ws.api, await conversation(agent.priced), 'Guarantee?');
    expect(tooled.body.usage).toMatchObject({ tokensIn: 1_200, tokensOut: 30, costUsd: 0.000198 });

    const after = await usage();
    expect(agentRow(after, agent.priced)).toEqual({
      agentId: agent.priced,
      agentName: 'Priced',
      messages: (agentRow(before, agent.priced)?.messages ?? 0) + 2,
      tokensIn: (agentRow(before, agent.priced)?.tokensIn ?? 0) + 2_400,
      tokensOut: (agentRow(before, agent.priced)?.tokensOut ?? 0) + 330,
      costUsd: Math.round(((agentRow(before, agent.priced)?.costUsd ?? 0) + 0.000558) * 1e6) / 1e6,
      unpricedMessages: 0,
    });
    expect(monthRow(after).tokensIn - monthRow(before).tokensIn).toBe(2_400);
    expect(after.totals.tokensOut - before.totals.tokensOut).toBe(330);
    // The stored message carries the same numbers.
    const stored = (await ws.api.json(`/api/v1/conversations/${answer.body.conversationId}`)).body.messages[1];
    expect(stored).toMatchObject({ tokensIn: 1_200, tokensOut: 300, costUsd: 0.00036, unpriced: false });
  });

  it('marks answers of a model without a price as unpriced, and uses MODEL_PRICES', async () => {
    models.enqueue({ text: ['Local', ' answer'], usage: { inputTokens: 1_000, outputTokens: 100 } });
    const local = await say(ws.api, await conversation(agent.unpriced), 'Hi');
    expect(local.body.usage).toEqual({ tokensIn: 1_000, tokensOut: 100, costUsd: 0, unpriced: true });
    models.enqueue({ text: ['House', ' answer'], usage: { inputTokens: 1_000, outputTokens: 100 } });
    const house = await say(ws.api, await conversation(agent.house), 'Hi');
    // $10 in and $20 out per million: 0.01 + 0.002.
    expect(house.body.usage).toEqual({ tokensIn: 1_000, tokensOut: 100, costUsd: 0.012, unpriced: false });

    const report = await usage();
    expect(agentRow(report, agent.unpriced)).toMatchObject({
      agentName: 'Local',
      messages: 1,
      tokensIn: 1_000,
      costUsd: 0,
      unpricedMessages: 1,
    });
    expect(agentRow(report, agent.house)).toMatchObject({
      agentName: 'House',
      messages: 1,
      costUsd: 0.012,
      unpricedMessages: 0,
    });
    expect(report.totals.unpricedMessages).toBe(1);
    const stored = (await ws.api.json(`/api/v1/conversations/${local.body.conversationId}`)).body.messages[1];
    expect(stored).toMatchObject({ model: 'openai:test-model', costUsd: 0, unpriced: true });
  });

  it('counts extractive answers as messages with no tokens and no cost', async () => {
    const id = await conversation(agent.extractive);
    await say(ws.api, id, 'What is the warranty period?');
    await say(ws.api, id, 'Something nobody wrote about');
    expect(models.requests).toHaveLength(0);
    expect(agentRow(await usage(), agent.extractive)).toMatchObject({
      messages: 2,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: 0,
      unpricedMessages: 0,
    });
  });

  it('counts a retried message (same Idempotency-Key) once', async () => {
    const before = agentRow(await usage(), agent.priced);
    const id = await conversation(agent.priced);
    models.enqueue({ text: ['Once'], usage: { inputTokens: 40, outputTokens: 1 } });
    const first = await say(ws.api, id, 'Only once', { idempotencyKey: 'usage-retry' });
    const again = await say(ws.api, id, 'Only once', { idempotencyKey: 'usage-retry' });
    expect(again.body).toMatchObject({
      replayed: true,
      messageId: first.body.messageId,
      usage: { tokensIn: 40, tokensOut: 1 },
    });
    expect(models.requests).toHaveLength(1);
    const after = agentRow(await usage(), agent.priced);
    expect([after.messages - before.messages, after.tokensIn - before.tokensIn]).toEqual([1, 40]);
  });
});

describe('usage report', () => {
  it('is per workspace: another workspace sees only its own', async () => {
    const mine = await usage();
    expect(mine.totals.messages).toBeGreaterThan(0);
    const theirs = await usage(other.api);
    expect(theirs.agents).toEqual([]);
    expect(theirs.totals).toEqual({ messages: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, unpricedMessages: 0 });
    const otherAgent = (await other.api.post('/api/v1/agents', { name: 'Theirs', answerMode: 'extractive' })).body.agent
      .id;
    // A question, not small talk (a greeting is answered without counting as a message).
    await say(other.api, await conversation(otherAgent, other.api), 'How long does shipping take?');
    expect((await usage(other.api)).agents.map((a: any) => a.agentName)).toEqual(['Theirs']);
    expect((await usage()).totals).toEqual(mine.totals);
  });

  it('shows a key limited to some agents their usage only', async () => {
    const key = await ws.owner.post('/api/v1/api-keys', {
      name: 'one agent',
      scopes: ['read'],
      agentIds: [agent.extractive],
    });
    expect(key.status).toBe(201);
    const report = await usage(new TestClient(rt, key.body.secret));
    expect(report.agents.map((a: any) => a.agentId)).toEqual([agent.extractive]);
    expect(report.totals.messages).toBe(agentRow(report, agent.extractive).messages);
  });

  it('lists every month of the range, oldest first, with zeros for quiet months', async () => {
    const report = await usage(ws.api, '?from=2025-11&to=2026-02');
    expect(report).toMatchObject({ from: '2025-11', to: '2026-02', currency: 'USD', agents: [] });
    expect(report.months.map((m: any) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(report.months.every((m: any) => m.messages === 0)).toBe(true);
    const recent = await usage();
    expect(recent.months).toHaveLength(6);
    expect(recent.months.at(-1).month).toBe(thisMonth());
  });

  it('refuses a malformed or reversed range with 400', async () => {
    for (const query of ['?from=2026-13', '?from=26-01', '?from=2026-05&to=2026-01', '?from=2020-01&to=2026-01']) {
      const res = await ws.api.json(`/api/v1/usage${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('validation_failed');
    }
  });
});
