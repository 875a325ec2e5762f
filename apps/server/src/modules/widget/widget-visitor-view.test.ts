import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * What a visitor gets back when they send a message, streamed or as JSON: what the widget
 * shows (the answer, its citations, a hand-off, the lead form's cue), never the turn's
 * internals (tool inputs and outputs, model, token counts, cost, latency, hand-off reasons,
 * source ids and scores), which the API still gives a workspace's own key.
 */
let models: ModelServer;
let rt: TestRuntime;
let ws: TestWorkspace;
let agentId: string;
let key: string;

/** Keys a visitor must never see, anywhere in what they receive. */
const INTERNAL = [
  'usage',
  'model',
  'latencyMs',
  'tokensIn',
  'tokensOut',
  'costUsd',
  'unpriced',
  'input',
  'output',
  'sourceId',
  'chunkId',
  'score',
  'reason',
  'toolCalls',
];

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
  });
  ws = await testWorkspace(rt, 'wview');
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What is the warranty period?',
    answer: 'Every device has a two-year warranty covering manufacturing defects.',
  });
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Tool agent', answerMode: 'generative' })).body.agent.id;
  ({ publicKey: key } = await widgetFor(ws, agentId));
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

beforeEach(() => models.reset());

/** A knowledge search with a query only the model wrote, then a cited answer with known usage. */
const searchThenAnswer = () =>
  models.enqueue(
    {
      toolCall: { name: 'search_knowledge', arguments: { query: 'device warranty defects' } },
      usage: { inputTokens: 4321, outputTokens: 65 },
    },
    { text: ['Two years', ' [1].'], usage: { inputTokens: 5432, outputTokens: 76 } },
  );

describe('a visitor’s answer', () => {
  it('streams the answer and its citations, and none of the turn’s internals', async () => {
    searchThenAnswer();
    const v = new VisitorClient(rt, key);
    await v.session();
    const { status, events } = await v.send('Tell me about guarantees', { stream: true });
    expect(status).toBe(200);
    expect(
      events
        .filter((e) => e.event === 'token')
        .map((e) => e.data.text)
        .join(''),
    ).toBe('Two years [1].');
    const done = events.find((e) => e.event === 'done')!.data;
    expect(done).toMatchObject({
      conversationId: v.conversationId,
      status: 'complete',
      content: 'Two years [1].',
      offerHuman: expect.any(Boolean),
    });
    expect(done.messageId).toMatch(/^msg_/);
    expect(done.citations[0]).toMatchObject({ index: 1, snippet: expect.stringContaining('two-year warranty') });
    expect(events.some((e) => e.event === 'tool')).toBe(false);
    const text = JSON.stringify(events);
    expect([...keysOf(events.map((e) => e.data))].filter((k) => INTERNAL.includes(k))).toEqual([]);
    for (const secret of ['device warranty defects', 'gpt-4o-mini', '4321', '5432', 'search_knowledge'])
      expect(text).not.toContain(secret);

    // The same answer on the live stream and in the message list: narrowed the same way.
    const live = await v.events();
    await live.waitFor((f) => f.some((x) => x.event === 'message' && x.data.role === 'assistant'));
    await live.close();
    const listed = (await v.call(v.conversationPath('/messages'))).body.messages;
    expect(listed.find((m: any) => m.role === 'assistant')).toMatchObject({
      id: done.messageId,
      content: 'Two years [1].',
    });
    for (const seen of [live.frames.map((f) => f.data), listed]) {
      expect([...keysOf(seen)].filter((k) => INTERNAL.includes(k))).toEqual([]);
      expect(JSON.stringify(seen)).not.toMatch(/gpt-4o-mini|4321|5432|device warranty defects/);
    }
  });

  it('answers JSON with the done payload only, as the visitor may see it', async () => {
    searchThenAnswer();
    const v = new VisitorClient(rt, key);
    await v.session();
    const { status, body } = await v.send('Tell me about guarantees');
    expect(status).toBe(200);
    expect(body).toMatchObject({ content: 'Two years [1].', status: 'complete', conversationStatus: 'bot' });
    expect([...keysOf(body)].filter((k) => INTERNAL.includes(k))).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/gpt-4o-mini|4321|5432|device warranty defects/);
  });

  it('tells the widget to open its lead form, without what the model put in the lead; a hand-off without its reason', async () => {
    models.enqueue(
      { toolCall: { name: 'capture_lead', arguments: { name: 'Mallory', email: 'planted@attacker.test' } } },
      { text: ['Thanks!'] },
    );
    const v = new VisitorClient(rt, key);
    await v.session();
    const lead = await v.send('Please note my details', { stream: true });
    expect(lead.events.filter((e) => e.event === 'tool').map((e) => e.data)).toEqual([{ name: 'capture_lead' }]);
    expect(JSON.stringify(lead.events)).not.toMatch(/planted@attacker\.test|Mallory/);

    models.enqueue(
      { toolCall: { name: 'request_human', arguments: { reason: 'internal triage note 9c1' } } },
      { text: ['Someone will join.'] },
    );
    const handoff = await v.send('Can someone call me back?', { stream: true });
    const event = handoff.events.find((e) => e.event === 'handoff')!;
    expect(event.data).toMatchObject({ status: 'pending_human', askContact: false });
    expect(JSON.stringify(handoff.events)).not.toContain('internal triage note 9c1');
    expect([...keysOf(handoff.events.map((e) => e.data))].filter((k) => INTERNAL.includes(k))).toEqual([]);
  });

  it('still gives the workspace’s own API key the whole turn', async () => {
    searchThenAnswer();
    const conversation = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation.id;
    const { events } = await say(ws.api, conversation, 'Tell me about guarantees', { stream: true });
    expect(events.find((e) => e.event === 'tool')!.data).toMatchObject({
      name: 'search_knowledge',
      input: { query: 'device warranty defects' },
    });
    expect(events.find((e) => e.event === 'done')!.data).toMatchObject({
      model: 'openai:gpt-4o-mini',
      usage: { tokensIn: expect.any(Number) },
    });
  });
});
