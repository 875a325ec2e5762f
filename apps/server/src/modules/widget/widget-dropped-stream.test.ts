import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace } from '../../../test/support/workspace';

/**
 * A visitor whose connection drops mid-answer: the widget's turn is not aborted (unlike the
 * API's), the whole answer is stored, and the event stream resumed after the last message the
 * visitor saw delivers it once; a retry with the same Idempotency-Key replays it.
 */
let models: ModelServer;
let rt: TestRuntime;
let key: string;
let agentId: string;
let api: Awaited<ReturnType<typeof testWorkspace>>['api'];

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
  });
  const ws = await testWorkspace(rt, 'wdrop');
  api = ws.api;
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Slow agent', answerMode: 'generative' })).body.agent.id;
  ({ publicKey: key } = await widgetFor(ws, agentId));
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

const WORDS = Array.from({ length: 30 }, (_, i) => `word${i} `);

describe('a dropped answer stream', () => {
  it('finishes the answer anyway, and the resumed event stream delivers it once', async () => {
    models.enqueue({ text: WORDS, tokenDelayMs: 40 });
    const v = new VisitorClient(rt, key);
    await v.session();
    const controller = new AbortController();
    const response = await v.raw(v.conversationPath('/messages'), {
      method: 'POST',
      json: { content: 'Tell me a long story' },
      headers: { accept: 'text/event-stream', 'idempotency-key': 'drop-1' },
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while ((received.match(/event: token/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      // A stream that ends early fails here (it used to spin on empty reads forever).
      if (done) throw new Error(`The answer stream ended after: ${received}`);
      received += value;
    }
    controller.abort();

    const history = await v.call(v.conversationPath('/messages'));
    const userMessage = history.body.messages.find((m: any) => m.role === 'user');
    const resumed = await v.events({ 'last-event-id': userMessage.id });
    await resumed.waitFor((f) => f.some((x) => x.event === 'message' && x.data.role === 'assistant'), 10_000);
    const answers = resumed.frames.filter((f) => f.event === 'message');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.data).toMatchObject({
      role: 'assistant',
      status: 'complete',
      content: WORDS.join(''),
      replyTo: userMessage.id,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.frames.filter((f) => f.event === 'message')).toHaveLength(1);
    await resumed.close();

    const retry = await v.send('Tell me a long story', { idempotencyKey: 'drop-1' });
    expect(retry.body).toMatchObject({ replayed: true, messageId: answers[0]!.id, status: 'complete' });
    const stored = await api.json(`/api/v1/conversations/${v.conversationId}`);
    expect(stored.body.messages.map((m: any) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(models.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);
  });
});
