import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureCircuitBreakers, countTokens } from '../../platform/llm';
import { withPlatform } from '../../platform/tenancy';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { parseSse, say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The chat engine against a real local HTTP server speaking OpenAI's and Anthropic's
 * streaming wire formats, scripted per test.
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
    ANTHROPIC_API_KEY: FAKE_KEY,
    ANTHROPIC_BASE_URL: models.anthropicBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
  });
  ws = await testWorkspace(rt, 'model');
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What is the warranty period?',
    answer: 'Every device has a two-year warranty covering manufacturing defects.',
  });
  const agent = await ws.api.post('/api/v1/agents', {
    name: 'Model agent',
    answerMode: 'generative',
    fallbackModel: { provider: 'anthropic', modelId: 'claude-haiku-4-5' },
  });
  expect(agent.body.agent.draft.model).toMatchObject({ provider: 'openai', modelId: 'gpt-4o-mini' });
  agentId = agent.body.agent.id;
  // Editing one field leaves the others (the model above all) as they were.
  const edited = await ws.api.json(`/api/v1/agents/${agentId}`, {
    method: 'PATCH',
    json: { instructions: 'Be brief.' },
  });
  expect(edited.body.agent.draft).toMatchObject({
    instructions: 'Be brief.',
    answerMode: 'generative',
    model: { provider: 'openai' },
    fallbackModel: { provider: 'anthropic' },
  });
  expect((await ws.api.post(`/api/v1/agents/${agentId}/publish`, {})).body.agent.publishedVersion).toBe(2);
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

beforeEach(() => {
  models.reset();
  configureCircuitBreakers();
});

const chats = () => models.requests.filter((r) => r.path === '/v1/chat/completions' || r.path === '/v1/messages');

async function conversation(): Promise<string> {
  const res = await ws.api.post('/api/v1/conversations', { agentId });
  expect(res.status).toBe(201);
  return res.body.conversation.id;
}

async function messagesOf(id: string): Promise<any[]> {
  return (await ws.api.json(`/api/v1/conversations/${id}`)).body.messages;
}

describe('generative answers', () => {
  it('streams a plain answer and stores it with tokens, cost, latency and model', async () => {
    models.enqueue({ text: ['Hello', ' there', '!'], usage: { inputTokens: 120, outputTokens: 3 } });
    const id = await conversation();
    const { events } = await say(ws.api, id, 'Hi', { stream: true });
    expect(events.filter((e) => e.event === 'token').map((e) => e.data.text)).toEqual(['Hello', ' there', '!']);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({
      content: 'Hello there!',
      status: 'complete',
      usage: { tokensIn: 120, tokensOut: 3 },
      model: 'openai:gpt-4o-mini',
    });
    expect(done.data.usage.costUsd).toBeGreaterThan(0);
    const [, answer] = await messagesOf(id);
    expect(answer).toMatchObject({
      content: 'Hello there!',
      tokensIn: 120,
      tokensOut: 3,
      status: 'complete',
      model: 'openai:gpt-4o-mini',
    });
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
    // The model saw the agent's system prompt with the retrieved knowledge and the question.
    const request = chats()[0]!.body as any;
    expect(request.messages[0].role).toBe('system');
    expect(request.messages.at(-1)).toMatchObject({ role: 'user', content: 'Hi' });
  });

  it('sends earlier turns as history', async () => {
    const id = await conversation();
    models.enqueue({ text: ['First answer'] });
    await say(ws.api, id, 'first question');
    models.enqueue({ text: ['Second answer'] });
    await say(ws.api, id, 'second question');
    const request = chats()[1]!.body as any;
    expect(request.messages.slice(1).map((m: any) => [m.role, m.content])).toEqual([
      ['user', 'first question'],
      ['assistant', 'First answer'],
      ['user', 'second question'],
    ]);
  });

  it('runs a knowledge-search tool call round trip and cites what the tool found', async () => {
    models.enqueue(
      { toolCall: { name: 'search_knowledge', arguments: { query: 'warranty period' } } },
      { text: ['Two years', ' [1].'] },
    );
    const id = await conversation();
    const { events } = await say(ws.api, id, 'Tell me about guarantees', { stream: true });
    const tools = events.filter((e) => e.event === 'tool');
    expect(tools[0]!.data).toMatchObject({ name: 'search_knowledge', input: { query: 'warranty period' } });
    expect(tools.at(-1)!.data.output).toContain('two-year warranty');
    const citations = events.filter((e) => e.event === 'citation');
    expect(citations).toHaveLength(1);
    expect(citations[0]!.data.snippet).toContain('warranty');
    // The second model step received the tool's result.
    expect(JSON.stringify(chats()[1]!.body)).toContain('two-year warranty');
    const [, answer] = await messagesOf(id);
    expect(answer.toolCalls[0]).toMatchObject({ name: 'search_knowledge' });
    expect(answer.citations).toHaveLength(1);
  });

  it('hands off to a person through the tool; the bot answers while it waits, never once a person has it', async () => {
    models.enqueue(
      { toolCall: { name: 'request_human', arguments: { reason: 'Visitor wants a person' } } },
      { text: ['Someone will join shortly.'] },
      { text: ['Meanwhile: we open at nine.'] },
    );
    const id = await conversation();
    const { events } = await say(ws.api, id, 'Can someone from your team call me back?', { stream: true });
    expect(events.find((e) => e.event === 'handoff')?.data).toMatchObject({
      status: 'pending_human',
      reason: 'Visitor wants a person',
    });
    expect(events.at(-1)!.data.conversationStatus).toBe('pending_human');
    const waiting = await say(ws.api, id, 'When do you open?');
    expect(waiting.body).toMatchObject({
      status: 'complete',
      content: 'Meanwhile: we open at nine.',
      conversationStatus: 'pending_human',
    });
    await withPlatform((tx) =>
      tx.query(`UPDATE conversations SET status = 'human' WHERE tenant_id = $1 AND id = $2`, [ws.id, id]),
    );
    const before = chats().length;
    const next = await say(ws.api, id, 'Hello? Anyone?');
    expect(next.body.status).toBe('queued_for_human');
    expect(chats().length).toBe(before);
  });

  it('captures a lead through the tool', async () => {
    models.enqueue(
      { toolCall: { name: 'capture_lead', arguments: { name: 'Ada Lovelace', email: 'ada@example.test' } } },
      { text: ['Thanks, Ada!'] },
    );
    const id = await conversation();
    // The tool saves only what the visitor wrote (prompt-injection.test.ts: what it refuses).
    await say(ws.api, id, 'I am Ada Lovelace, my email is ada@example.test');
    const leads = await withPlatform((tx) =>
      tx.query('SELECT email, conversation_id FROM leads WHERE tenant_id = $1', [ws.id]),
    );
    expect(leads.rows).toContainEqual({ email: 'ada@example.test', conversation_id: id });
  });
});

describe('resilience', () => {
  it('retries once after a 429, honouring Retry-After', async () => {
    models.enqueue({ status: 429, retryAfter: 1 }, { text: ['Recovered'] });
    const id = await conversation();
    const res = await say(ws.api, id, 'Hello');
    expect(res.body.content).toBe('Recovered');
    const [first, second] = chats();
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('falls back to the fallback model when the primary keeps failing with 500', async () => {
    models.enqueue({ status: 500 }, { status: 500 }, { text: ['From', ' Claude'] });
    const id = await conversation();
    const res = await say(ws.api, id, 'Hello');
    expect(res.body).toMatchObject({ content: 'From Claude', model: 'anthropic:claude-haiku-4-5' });
    expect(chats().map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/v1/messages']);
  });

  it('ends the stream with an error event when the model stream drops, keeps the message, and the next turn works', async () => {
    models.enqueue({ text: ['Partial', ' answer', ' that', ' never', ' ends'], dropAfter: 2 });
    const id = await conversation();
    const { events } = await say(ws.api, id, 'Tell me a long story', { stream: true });
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data).toMatchObject({ code: 'model_failed', conversationId: id });
    const stored = await messagesOf(id);
    expect(stored[0]).toMatchObject({ role: 'user', content: 'Tell me a long story' });
    expect(stored[1]).toMatchObject({
      role: 'assistant',
      status: 'interrupted',
      content: 'Partial answer',
      model: 'openai:gpt-4o-mini',
    });
    // No usage chunk came: what was sent and streamed is estimated, and priced, not counted as free.
    expect(stored[1].tokensOut).toBe(countTokens('Partial answer'));
    expect(stored[1].tokensIn).toBeGreaterThan(countTokens('Tell me a long story'));
    expect(stored[1].costUsd).toBeGreaterThan(0);

    models.enqueue({ text: ['Fine', ' now'] });
    const next = await say(ws.api, id, 'Try again', { stream: true });
    expect(next.events.at(-1)!.data).toMatchObject({ content: 'Fine now', status: 'complete' });
  });

  it('answers a JSON request with 503 model_failed when the model sends a malformed chunk first', async () => {
    models.enqueue(
      { text: ['x'], malformed: true },
      { text: ['x'], malformed: true },
      { text: ['x'], malformed: true },
      { text: ['x'], malformed: true },
    );
    const id = await conversation();
    const res = await say(ws.api, id, 'Hello');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('model_failed');
    expect((await messagesOf(id))[0]).toMatchObject({ role: 'user', content: 'Hello' });
  });

  it('aborts the model call when the client disconnects and keeps the partial answer as interrupted', async () => {
    models.enqueue({
      text: ['One', ' two', ' three', ' four', ' five', ' six', ' seven', ' eight'],
      tokenDelayMs: 150,
    });
    const id = await conversation();
    const controller = new AbortController();
    const response = await ws.api.fetch(`/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      json: { content: 'Count slowly' },
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('event: token')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(await chats()[0]!.outcome).toBe('closed');
    let answer: any;
    for (let i = 0; i < 50; i++) {
      answer = (await messagesOf(id))[1];
      if (answer?.status !== 'streaming') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer.status).toBe('interrupted');
    expect(answer.content.startsWith('One')).toBe(true);
    expect(answer.content).not.toContain('eight');
    expect(answer.tokensOut).toBe(countTokens(answer.content));
    expect(answer.tokensIn).toBeGreaterThan(0);
  });
});

describe('workspace keys', () => {
  const SECRET = 'sk-workspace-TOPSECRET-9876';

  it('uses the workspace key, never shows it, and keeps it out of errors', async () => {
    const created = await ws.owner.post('/api/v1/provider-keys', {
      provider: 'openai-compatible',
      label: 'Our vLLM',
      apiKey: SECRET,
      baseUrl: models.openaiBaseURL,
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    expect(created.body.key.keyPreview).toBe('••••9876');
    const credentialId = created.body.key.id;
    const listed = await ws.owner.json('/api/v1/provider-keys');
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);

    const agent = await ws.api.post('/api/v1/agents', {
      name: 'Own key',
      answerMode: 'generative',
      model: { provider: 'openai-compatible', modelId: 'test-model', credentialId },
    });
    expect(agent.status).toBe(201);
    const conversationId = (await ws.api.post('/api/v1/conversations', { agentId: agent.body.agent.id })).body
      .conversation.id;
    models.enqueue({ text: ['Own', ' key'] });
    const ok = await say(ws.api, conversationId, 'Hello');
    expect(ok.body.content).toBe('Own key');
    expect(chats()[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);

    // The provider refuses the key and echoes it in its error body: it must not travel further.
    models.enqueue({
      status: 401,
      errorBody: { error: { message: `Incorrect API key provided: ${SECRET}`, type: 'invalid_request_error' } },
    });
    const refused = await ws.api.fetch(`/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      json: { content: 'Again' },
      headers: { accept: 'text/event-stream' },
    });
    const text = await refused.text();
    expect(parseSse(text).at(-1)!.event).toBe('error');
    expect(text).not.toContain(SECRET);
    const stored = await ws.api.json(`/api/v1/conversations/${conversationId}`);
    expect(JSON.stringify(stored.body)).not.toContain(SECRET);
    const test = await ws.owner.post(`/api/v1/provider-keys/${credentialId}/test`, {});
    expect(JSON.stringify(test.body)).not.toContain(SECRET);
    const audit = await ws.owner.json('/api/v1/audit-log');
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);
    const rows = await withPlatform((tx) =>
      tx.query<{ row: string }>('SELECT t::text AS row FROM provider_credentials t WHERE tenant_id = $1', [ws.id]),
    );
    expect(rows.rows.map((r) => r.row).join('')).not.toContain(SECRET);
  });

  it('refuses a workspace model server on a private or metadata address', async () => {
    for (const baseUrl of ['http://169.254.169.254/v1', 'http://10.0.0.7:11434/v1', 'http://[::1]:8000/v1']) {
      const res = await ws.owner.post('/api/v1/provider-keys', {
        provider: 'openai-compatible',
        label: 'Sneaky',
        baseUrl,
      });
      expect(res.status, baseUrl).toBe(400);
      expect(res.body.error.message).toContain(new URL(baseUrl).hostname.replace(/[[\]]/g, ''));
    }
  });
});
