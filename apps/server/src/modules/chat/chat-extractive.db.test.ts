import { describe, expect, it, beforeAll } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { TestClient } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The chat engine without any model (the embedded default): curated and extractive answers
 * with citations, "nothing found" offering a person, idempotent retries, versions, and the
 * bot staying silent while a person owns the conversation.
 */
const rt = useTestRuntime();
let ws: TestWorkspace;
let agentId: string;

const RETURNS =
  'You can return any item within 30 days of delivery for a full refund. Refunds reach your card within 5 business days.';

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'chat');
  const agent = await ws.api.post('/api/v1/agents', { name: 'Helper' });
  expect(agent.status).toBe(201);
  agentId = agent.body.agent.id;
  expect(
    (
      await ws.api.post('/api/v1/knowledge/qa', {
        question: 'What are your opening hours?',
        answer: 'We are open 9:00–17:00, Monday to Friday.',
      })
    ).status,
  ).toBe(201);
  expect(
    (await ws.api.post('/api/v1/knowledge/qa', { question: 'How do I return an item?', answer: RETURNS })).status,
  ).toBe(201);
});

async function conversation(client: TestClient = ws.api, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post('/api/v1/conversations', { agentId, ...extra });
  expect(res.status).toBe(201);
  return res.body.conversation;
}

describe('extractive answers', () => {
  it('answers a curated question verbatim with its citation (JSON)', async () => {
    const c = await conversation();
    expect(c.agentVersion).toBe(1);
    const res = await say(ws.api, c.id, 'when are you open?');
    expect(res.status).toBe(200);
    expect(res.body.content).toContain('We are open 9:00–17:00, Monday to Friday.');
    expect(res.body.citations).toHaveLength(1);
    expect(res.body.citations[0]).toMatchObject({ index: 1, title: expect.any(String) });
    expect(res.body.citations[0].snippet).toContain('opening hours');
    expect(res.body).toMatchObject({
      status: 'complete',
      model: 'extractive',
      offerHuman: false,
      conversationStatus: 'bot',
    });
    const stored = await ws.api.json(`/api/v1/conversations/${c.id}`);
    expect(stored.body.messages.map((m: any) => m.role)).toEqual(['user', 'assistant']);
    expect(stored.body.messages[1]).toMatchObject({
      content: res.body.content,
      model: 'extractive',
      status: 'complete',
    });
  });

  it('streams the answer as token events after its citations, then done', async () => {
    const c = await conversation();
    const { status, events } = await say(ws.api, c.id, 'How can I return an item I bought?', { stream: true });
    expect(status).toBe(200);
    const kinds = events.map((e) => e.event);
    expect(kinds[0]).toBe('citation');
    expect(kinds.at(-1)).toBe('done');
    expect(kinds.filter((k) => k === 'token').length).toBeGreaterThan(5);
    const streamed = events
      .filter((e) => e.event === 'token')
      .map((e) => e.data.text)
      .join('');
    const done = events.at(-1)!.data;
    expect(streamed).toBe(done.content);
    expect(done.content).toContain('30 days');
    expect(done.messageId).toMatch(/^msg_/);
  });

  it('answers a question worded with framing words ("how long … take") from what it is about', async () => {
    const c = await conversation();
    const res = await say(ws.api, c.id, 'How long do refunds take?');
    expect(res.status).toBe(200);
    expect(res.body.content).toContain('within 5 business days');
    expect(res.body.offerHuman).toBe(false);
    expect(res.body.citations).toHaveLength(1);
  });

  it('quotes the sentences of a Markdown passage without its heading line', async () => {
    const source = await ws.api.post('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Shipping',
      text: '# Shipping times\n\nParcels to Portugal arrive within 3 working days. Express parcels arrive the next day.',
    });
    expect(source.status).toBe(201);
    for (
      let i = 0;
      i < 100 &&
      (await ws.api.json(`/api/v1/knowledge/sources/${source.body.source.id}`)).body.source.status !== 'ready';
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    const c = await conversation();
    const res = await say(ws.api, c.id, 'How long does shipping to Portugal take?');
    expect(res.body.content).toContain('Parcels to Portugal arrive within 3 working days.');
    expect(res.body.content).not.toContain('#');
  });

  it('says plainly that nothing was found, offers a person and records the question as a gap', async () => {
    const c = await conversation();
    const question = 'Do you sell refurbished submarines?';
    const res = await say(ws.api, c.id, question);
    expect(res.status).toBe(200);
    expect(res.body.offerHuman).toBe(true);
    expect(res.body.citations).toEqual([]);
    expect(res.body.content.toLowerCase()).toMatch(/couldn.t find|could not find|don.t have/);
    const gaps = await withPlatform((tx) =>
      tx.query<{ question: string; conversation_id: string }>(
        'SELECT question, conversation_id FROM knowledge_gaps WHERE tenant_id = $1',
        [ws.id],
      ),
    );
    expect(gaps.rows).toContainEqual({ question, conversation_id: c.id });
  });

  it('rejects an empty message with the error envelope and stores nothing', async () => {
    const c = await conversation();
    const res = await say(ws.api, c.id, '   ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await ws.api.json(`/api/v1/conversations/${c.id}`)).body.messages).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry from the stored answer: one message, one answer', async () => {
    const c = await conversation();
    const first = await say(ws.api, c.id, 'opening hours?', { idempotencyKey: 'retry-1' });
    const second = await say(ws.api, c.id, 'opening hours?', { idempotencyKey: 'retry-1' });
    const streamed = await say(ws.api, c.id, 'opening hours?', { idempotencyKey: 'retry-1', stream: true });
    expect(second.body).toMatchObject({
      messageId: first.body.messageId,
      userMessageId: first.body.userMessageId,
      content: first.body.content,
      replayed: true,
    });
    expect(streamed.events.at(-1)!.data.messageId).toBe(first.body.messageId);
    const { body } = await ws.api.json(`/api/v1/conversations/${c.id}`);
    expect(body.messages).toHaveLength(2);
    expect(body.conversation.messageCount).toBe(2);
  });

  it('concurrent retries still make exactly one answer', async () => {
    const c = await conversation();
    const results = await Promise.all(
      [1, 2, 3].map(() => say(ws.api, c.id, 'How do I return an item?', { idempotencyKey: 'race' })),
    );
    expect(new Set(results.map((r) => r.body.messageId)).size).toBe(1);
    expect((await ws.api.json(`/api/v1/conversations/${c.id}`)).body.messages).toHaveLength(2);
  });

  it('refuses a malformed key', async () => {
    const c = await conversation();
    const res = await say(ws.api, c.id, 'hello', { idempotencyKey: 'has spaces in it' });
    expect(res.status).toBe(400);
  });
});

describe('a person owns the conversation', () => {
  it('keeps the bot silent while a person has the conversation, or it waits for one and the workspace says so (regression)', async () => {
    const current = (await ws.owner.json('/api/v1/inbox/settings')).body.settings;
    expect(
      (
        await ws.owner.json('/api/v1/inbox/settings', {
          method: 'PUT',
          json: { ...current, waiting: { ...current.waiting, botKeepsAnswering: false } },
        })
      ).status,
    ).toBe(200);
    for (const status of ['pending_human', 'human']) {
      const c = await conversation();
      await withPlatform((tx) =>
        tx.query('UPDATE conversations SET status = $1 WHERE tenant_id = $2 AND id = $3', [status, ws.id, c.id]),
      );
      const res = await say(ws.api, c.id, 'opening hours?', { stream: true });
      const done = res.events.at(-1)!;
      expect(done.event).toBe('done');
      expect(done.data).toMatchObject({ status: 'queued_for_human', messageId: null, conversationStatus: status });
      expect(res.events.some((e) => e.event === 'token')).toBe(false);
      const { body } = await ws.api.json(`/api/v1/conversations/${c.id}`);
      expect(body.messages.map((m: any) => m.role)).toEqual(['user']);
    }
    await ws.owner.json('/api/v1/inbox/settings', { method: 'PUT', json: current });
  });
});

describe('agent versions', () => {
  it('records the version used; the draft is only for the playground; rollback changes what new conversations use', async () => {
    const created = await ws.api.post('/api/v1/agents', { name: 'Versioned', greeting: 'Version one says hi' });
    const id = created.body.agent.id as string;
    expect(created.body.agent).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });

    const edited = await ws.api.json(`/api/v1/agents/${id}`, {
      method: 'PATCH',
      json: { greeting: 'Version two says hi', answerMode: 'extractive' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.agent).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: true });
    expect(edited.body.agent.published.greeting).toBe('Version one says hi');

    const live = await ws.api.post('/api/v1/conversations', { agentId: id });
    expect(live.body.conversation.agentVersion).toBe(1);
    const draft = await ws.owner.post('/api/v1/conversations', { agentId: id, useDraft: true, channel: 'playground' });
    expect(draft.status).toBe(201);
    expect(draft.body.conversation.agentVersion).toBe(0);

    const published = await ws.api.post(`/api/v1/agents/${id}/publish`, { note: 'Friendlier greeting' });
    expect(published.status).toBe(200);
    expect(published.body.agent).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: false });
    expect((await ws.api.post('/api/v1/conversations', { agentId: id })).body.conversation.agentVersion).toBe(2);

    const v1 = await ws.api.json(`/api/v1/agents/${id}/versions/1`);
    expect(v1.body.config.greeting).toBe('Version one says hi');
    const versions = await ws.api.json(`/api/v1/agents/${id}/versions`);
    expect(versions.body.versions.map((v: any) => [v.version, v.live])).toEqual([
      [2, true],
      [1, false],
    ]);

    const rolledBack = await ws.api.post(`/api/v1/agents/${id}/rollback`, { version: 1 });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.agent.publishedVersion).toBe(1);
    expect(rolledBack.body.agent.draft.greeting).toBe('Version one says hi');
    expect((await ws.api.post('/api/v1/conversations', { agentId: id })).body.conversation.agentVersion).toBe(1);
    // The old conversation still says which version it used.
    expect(
      (await ws.api.json(`/api/v1/conversations/${live.body.conversation.id}`)).body.conversation.agentVersion,
    ).toBe(1);
    expect((await ws.api.post(`/api/v1/agents/${id}/rollback`, { version: 9 })).status).toBe(404);
  });

  it('an API key restricted to one agent cannot see or use another', async () => {
    const other = await ws.api.post('/api/v1/agents', { name: 'Other' });
    const key = await ws.owner.post('/api/v1/api-keys', {
      name: 'one agent',
      scopes: ['read', 'write'],
      agentIds: [agentId],
    });
    expect(key.status).toBe(201);
    const restricted = new TestClient(rt.current, key.body.secret);
    expect((await restricted.json(`/api/v1/agents/${agentId}`)).status).toBe(200);
    expect((await restricted.json(`/api/v1/agents/${other.body.agent.id}`)).status).toBe(404);
    expect((await restricted.post('/api/v1/conversations', { agentId: other.body.agent.id })).status).toBe(404);
    const listed = await restricted.json('/api/v1/agents');
    expect(listed.body.agents.map((a: any) => a.id)).toEqual([agentId]);
  });
});
