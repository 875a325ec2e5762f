import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * A model-backed agent of a workspace with no knowledge answers from its instructions: finding
 * no passage is not "unanswered", so the unanswered rule never hands it to a person. With
 * knowledge that has nothing on the question, the same answers do count.
 */
let models: ModelServer;
let rt: TestRuntime;

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
  });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

async function modelAgent(ws: TestWorkspace): Promise<string> {
  const agent = await ws.api.post('/api/v1/agents', {
    name: 'Concierge',
    answerMode: 'generative',
    instructions: 'You are a friendly concierge. Suggest things to do in Lisbon.',
  });
  expect(agent.status).toBe(201);
  const id = agent.body.agent.id as string;
  expect((await ws.api.post(`/api/v1/agents/${id}/publish`, {})).status).toBe(200);
  return id;
}

async function threeQuestions(ws: TestWorkspace, agentId: string) {
  const conversation = await ws.api.post('/api/v1/conversations', { agentId });
  const id = conversation.body.conversation.id as string;
  const answers = [];
  for (const question of ['What should I see first?', 'Where can I eat fish?', 'Is the tram worth it?']) {
    models.enqueue({ text: ['Try the Alfama district and tram 28.'] });
    answers.push((await say(ws.api, id, question)).body);
  }
  return answers;
}

describe('a model-backed agent and the unanswered rule', () => {
  it('never hands off an agent without knowledge for finding no passage', async () => {
    const ws = await testWorkspace(rt, 'no-knowledge');
    const answers = await threeQuestions(ws, await modelAgent(ws));
    expect(answers.map((a) => [a.conversationStatus, a.offerHuman])).toEqual(Array(3).fill(['bot', false]));
  });

  it('counts answers the knowledge had nothing for when the agent has knowledge', async () => {
    const ws = await testWorkspace(rt, 'some-knowledge');
    await ws.api.post('/api/v1/knowledge/qa', {
      question: 'What is the warranty period?',
      answer: 'Every device has a two-year warranty covering manufacturing defects.',
    });
    const answers = await threeQuestions(ws, await modelAgent(ws));
    expect(answers[0]).toMatchObject({ conversationStatus: 'bot', offerHuman: true });
    expect(answers.at(-1)!.conversationStatus).toBe('pending_human');
  });
});
