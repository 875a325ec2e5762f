import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { onPlan } from '../../../test/support/plans';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The plan's model-spend cap, against the local OpenAI-compatible peer: under the cap the model
 * answers; once the month's spend reaches it, no model is called and curated answers continue.
 */
let models: ModelServer;
let rt: TestRuntime;
let ws: TestWorkspace;
let agentId: string;

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
  });
  ws = await testWorkspace(rt, 'spend');
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What is the warranty period?',
    answer: 'Every device has a two-year warranty covering manufacturing defects.',
  });
  const agent = await ws.api.post('/api/v1/agents', { name: 'Model agent', answerMode: 'hybrid' });
  expect(agent.status).toBe(201);
  agentId = agent.body.agent.id;
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

const chats = () => models.requests.filter((r) => r.path === '/v1/chat/completions');

async function ask(question: string) {
  const c = await ws.api.post('/api/v1/conversations', { agentId });
  const res = await say(ws.api, c.body.conversation.id, question);
  expect(res.status).toBe(200);
  return res.body;
}

describe('the model-spend cap', () => {
  it('lets the model answer under the cap, then stops model calls while curated answers go on', async () => {
    await onPlan(ws.id, { modelSpendUsdPerMonth: 0.0001 });
    models.enqueue({ text: ['The model', ' says hello.'], usage: { inputTokens: 5000, outputTokens: 500 } });
    const first = await ask('Tell me something about your shop in general terms');
    expect(first.model).toBe('openai:gpt-4o-mini');
    expect(first.usage.costUsd).toBeGreaterThan(0.0001);
    expect(chats()).toHaveLength(1);

    const capped = await ask('What is the warranty period?');
    expect(capped.model).toBe('extractive');
    expect(capped.content).toContain('two-year warranty');
    const general = await ask('Tell me something else in general terms');
    expect(general.model).toBe('extractive');
    expect(chats()).toHaveLength(1);

    const meters = (await ws.owner.json('/api/v1/billing/plan')).body.meters;
    expect(meters.find((m: any) => m.limit === 'modelSpendUsdPerMonth').used).toBeGreaterThan(0.0001);
  });
});
