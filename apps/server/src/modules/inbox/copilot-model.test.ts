import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureCircuitBreakers } from '../../platform/llm';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';

/** The co-pilot with the agent's model: a local server speaking OpenAI's wire format, scripted per test. */
let models: ModelServer;
let rt: TestRuntime;
let ws: InboxWorkspace;
let id: string;

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    OPENAI_API_KEY: FAKE_KEY,
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
  });
  ws = await inboxWorkspace(rt, 'copilot');
  // The bot stays silent while the conversation waits for a person (by default it keeps
  // answering), so the visitor's question is the conversation's last message.
  const saved = await ws.owner.json('/api/v1/inbox/settings', {
    method: 'PUT',
    json: { waiting: { botKeepsAnswering: false } },
  });
  expect(saved.status).toBe(200);
  // A member in the inbox: no nobody-online notice follows the question.
  expect((await ws.members.ana!.client.post('/api/v1/inbox/presence', { status: 'online' })).status).toBe(200);
  id = await ws.conversation();
  // The visitor asks for a person at once: the model isn't called for the turn.
  await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
  await ws.api.post(`/api/v1/conversations/${id}/messages`, { content: 'How long do I have to return an item?' });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

beforeEach(() => {
  models.reset();
  configureCircuitBreakers();
});

const chats = () => models.requests.filter((r) => r.path === '/v1/chat/completions');

describe('co-pilot with a model', () => {
  it('drafts from the retrieved knowledge, citing it, for the member to edit', async () => {
    models.enqueue({ text: ['You have ', '30 days to return it [1].'] });
    const res = await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${id}/draft`);
    expect(res.status).toBe(200);
    expect(res.body.draft).toMatchObject({
      source: 'model',
      model: 'openai:gpt-4o-mini',
      content: 'You have 30 days to return it [1].',
    });
    expect(res.body.draft.citations).toEqual([
      expect.objectContaining({ index: 1, snippet: expect.stringContaining('30 days') }),
    ]);
    const request = chats()[0]!.body as any;
    expect(request.messages[0].content).toMatch(/You draft replies for a person on the customer-service team/);
    expect(request.messages[0].content).toContain('within 30 days');
    expect(request.messages.at(-1)).toMatchObject({ role: 'user', content: 'How long do I have to return an item?' });
    // Nothing was sent to the visitor: a draft is only a suggestion.
    const messages = (await ws.api.json(`/api/v1/conversations/${id}/messages`)).body.messages;
    expect(messages.map((m: any) => m.role)).toEqual(['assistant', 'user']);
  });

  it('falls back to an extractive draft when the model fails', async () => {
    models.enqueue({ status: 500 }, { status: 500 });
    const res = await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${id}/draft`);
    expect(res.body.draft).toMatchObject({ source: 'extractive', model: null });
    expect(res.body.draft.content).toContain('within 30 days');
  });

  it('summarizes the conversation at takeover with the model', async () => {
    models.enqueue({ text: ['The visitor wants to know the return period; nobody has answered yet.'] });
    await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${id}/takeover`);
    let notes: any[] = [];
    for (let i = 0; i < 100 && !notes.length; i++) {
      notes = (await ws.members.ana!.client.json(`/api/v1/inbox/conversations/${id}`)).body.notes;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'summary',
        content: 'The visitor wants to know the return period; nobody has answered yet.',
      }),
    ]);
    expect((chats()[0]!.body as any).messages[0].content).toMatch(/^Summarize this customer-service conversation/);
  });
});
