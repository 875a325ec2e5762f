import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { say } from '../../../test/support/workspace';

/**
 * Every way a conversation reaches a person — the API's (and widget's) request, the agent's
 * keywords, an explicit ask, a complaint, a VIP, unanswered questions — and, for each, the
 * regression that matters: while a person owns or awaits it, the bot never answers.
 */
const rt = useTestRuntime();
let ws: InboxWorkspace;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'paths');
  // The bot silent while a conversation waits (the workspace's choice; by default it keeps
  // answering: waiting.db.test.ts), and a member online, so nobody-online notices stay out of it.
  const saved = await ws.owner.json('/api/v1/inbox/settings', {
    method: 'PUT',
    json: { vip: { emailDomains: ['bigcorp.com'] }, waiting: { botKeepsAnswering: false } },
  });
  expect(saved.status).toBe(200);
});

// A member in the inbox (their heartbeat, renewed per test): nobody-online notices stay out of these paths.
beforeEach(async () => {
  expect((await ws.members.ana!.client.post('/api/v1/inbox/presence', { status: 'online' })).status).toBe(200);
});

const messagesOf = async (id: string) =>
  (await ws.api.json(`/api/v1/conversations/${id}`)).body.messages as Array<{
    role: string;
    content: string;
    model: string | null;
    authorId: string | null;
  }>;
const statusOf = async (id: string) => (await ws.api.json(`/api/v1/conversations/${id}`)).body.conversation;
const transitions = (id: string) =>
  withPlatform(
    async (tx) =>
      (
        await tx.query(
          'SELECT event, from_status, to_status, assignee_id, actor_type, actor_id, reason FROM conversation_transitions WHERE conversation_id = $1 ORDER BY created_at, id',
          [id],
        )
      ).rows,
  );

/** The bot stays silent: the visitor's next message is queued, nothing answers it. */
async function expectSilentBot(id: string) {
  const before = (await messagesOf(id)).length;
  const next = await say(ws.api, id, 'When are you open?');
  expect(next.status).toBe(200);
  expect(next.body).toMatchObject({ status: 'queued_for_human', messageId: null, content: '' });
  const after = await messagesOf(id);
  expect(after).toHaveLength(before + 1);
  expect(after.at(-1)).toMatchObject({ role: 'user', content: 'When are you open?' });
}

describe('hand-off paths', () => {
  it('the API request (the widget’s button): pending, the visitor told, the bot silent', async () => {
    const id = await ws.conversation();
    const res = await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Wants a person' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      changed: true,
      askContact: false,
      conversation: { status: 'pending_human', handoffReason: 'Wants a person' },
    });
    expect(res.body.notice.content).toMatch(/connecting you with a person/);
    const again = await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Again' });
    expect(again.body).toMatchObject({ changed: false, notice: null });
    expect(await transitions(id)).toEqual([
      {
        event: 'conversation.handoff_requested',
        from_status: 'bot',
        to_status: 'pending_human',
        assignee_id: null,
        actor_type: 'apiKey',
        actor_id: expect.stringMatching(/^key_/),
        reason: 'Wants a person',
      },
    ]);
    await expectSilentBot(id);
  });

  it('an explicit ask in the message: the turn answers only with the notice', async () => {
    const id = await ws.conversation();
    const res = await say(ws.api, id, 'Can I talk to a real person please?', { stream: true });
    const handoff = res.events.find((e) => e.event === 'handoff')!;
    expect(handoff.data).toMatchObject({
      status: 'pending_human',
      reason: 'The visitor asked for a person.',
      askContact: false,
    });
    const done = res.events.at(-1)!.data;
    expect(done).toMatchObject({ status: 'complete', conversationStatus: 'pending_human', model: 'handoff' });
    expect(done.content).toBe(handoff.data.notice);
    expect((await messagesOf(id)).map((m) => [m.role, m.model])).toEqual([
      ['user', null],
      ['assistant', 'handoff'],
    ]);
    expect((await transitions(id))[0]).toMatchObject({
      actor_type: 'apiKey',
      reason: 'The visitor asked for a person.',
    });
    await expectSilentBot(id);
  });

  it('a retried turn that handed off replays the same notice, once', async () => {
    const id = await ws.conversation();
    const first = await say(ws.api, id, 'I need a human', { idempotencyKey: 'handoff-retry-1' });
    const retry = await say(ws.api, id, 'I need a human', { idempotencyKey: 'handoff-retry-1' });
    expect(retry.body).toMatchObject({ replayed: true, messageId: first.body.messageId, content: first.body.content });
    expect(await messagesOf(id)).toHaveLength(2);
  });

  it('the agent’s keywords, and a complaint by the sentiment lexicon', async () => {
    const keyword = await ws.conversation();
    // A person word alone is a request for a person (the keyword rule needs one, not a mention).
    const byKeyword = await say(ws.api, keyword, 'representative');
    expect(byKeyword.body.conversationStatus).toBe('pending_human');
    expect((await statusOf(keyword)).handoffReason).toBe('The visitor asked for a person.');
    const mention = await ws.conversation();
    expect((await say(ws.api, mention, 'Can I pick up my order in person?')).body.conversationStatus).toBe('bot');
    await expectSilentBot(keyword);

    const complaint = await ws.conversation();
    const byMood = await say(ws.api, complaint, 'This is ridiculous, your shop is useless and I am furious!!');
    expect(byMood.body.conversationStatus).toBe('pending_human');
    expect((await statusOf(complaint)).handoffReason).toMatch(/sounds unhappy \(sentiment -\d+/);
    await expectSilentBot(complaint);
  });

  it('a VIP visitor at their first message', async () => {
    const id = await ws.conversation({ email: 'cfo@bigcorp.com', name: 'Chris' });
    const res = await say(ws.api, id, 'Hello there');
    expect(res.body.conversationStatus).toBe('pending_human');
    expect((await statusOf(id)).handoffReason).toBe('A VIP visitor.');
    await expectSilentBot(id);
    const ordinary = await ws.conversation({ email: 'someone@elsewhere.com' });
    expect((await say(ws.api, ordinary, 'Hello there')).body.conversationStatus).toBe('bot');

    // Turns remember the settings for a few seconds; a change made here applies to the next turn.
    const changed = await ws.owner.json('/api/v1/inbox/settings', {
      method: 'PUT',
      json: { vip: { emailDomains: ['bigcorp.com', 'elsewhere.com'] }, waiting: { botKeepsAnswering: false } },
    });
    expect(changed.status).toBe(200);
    const nowVip = await ws.conversation({ email: 'another@elsewhere.com' });
    expect((await say(ws.api, nowVip, 'Hello there')).body.conversationStatus).toBe('pending_human');
    expect((await statusOf(nowVip)).handoffReason).toBe('A VIP visitor.');
  });

  it('two unanswered questions in a row (the agent’s default): the second answer hands off', async () => {
    const id = await ws.conversation();
    const first = await say(ws.api, id, 'Do you sell refurbished submarines?');
    expect(first.body).toMatchObject({ offerHuman: true, conversationStatus: 'bot' });
    const answered = await say(ws.api, id, 'What are your opening hours?');
    expect(answered.body.offerHuman).toBe(false);
    await say(ws.api, id, 'Do you rent hot air balloons?');
    expect((await statusOf(id)).status).toBe('bot'); // the streak restarted after an answer
    const streamed = await say(ws.api, id, 'And volcano tours?', { stream: true });
    expect(streamed.events.find((e) => e.event === 'handoff')?.data).toMatchObject({
      status: 'pending_human',
      reason: 'No answer was found 2 times in a row.',
    });
    expect(streamed.events.at(-1)!.data).toMatchObject({ conversationStatus: 'pending_human', offerHuman: false });
    expect((await messagesOf(id)).at(-1)).toMatchObject({ role: 'assistant', model: 'handoff' });
    await expectSilentBot(id);
  });
});

describe('ownership', () => {
  it('takeover → human reply → release: the bot answers again; every step recorded with who and to whom', async () => {
    const ana = ws.members.ana!;
    const id = await ws.conversation();
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
    const taken = await ana.client.post(`/api/v1/inbox/conversations/${id}/takeover`);
    expect(taken.status).toBe(200);
    expect(taken.body.conversation).toMatchObject({ status: 'human', assigneeId: ana.userId });
    await expectSilentBot(id);

    const reply = await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, {
      content: 'Hi, Ana here. How can I help?',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({
      role: 'human',
      authorId: ana.userId,
      content: 'Hi, Ana here. How can I help?',
    });
    const ben = ws.members.ben!;
    const refused = await ben.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Me too' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('assigned_to_other');

    const released = await ana.client.post(`/api/v1/inbox/conversations/${id}/release`);
    expect(released.body.conversation).toMatchObject({ status: 'bot', assigneeId: null });
    const answer = await say(ws.api, id, 'When are you open?');
    expect(answer.body).toMatchObject({ status: 'complete', conversationStatus: 'bot' });
    expect(answer.body.content).toContain('9:00–17:00');

    expect(
      (await transitions(id)).map((t) => [
        t.event,
        t.from_status,
        t.to_status,
        t.assignee_id,
        t.actor_type,
        t.actor_id,
      ]),
    ).toEqual([
      ['conversation.handoff_requested', 'bot', 'pending_human', null, 'apiKey', expect.any(String)],
      ['conversation.taken_over', 'pending_human', 'human', ana.userId, 'user', ana.userId],
      ['conversation.released', 'human', 'bot', null, 'user', ana.userId],
    ]);
  });

  it('a reply to a conversation nobody owns takes it over; assign, unassign, close and reopen follow the state machine', async () => {
    const ana = ws.members.ana!;
    const ben = ws.members.ben!;
    const id = await ws.conversation();
    await say(ws.api, id, 'When are you open?');
    const reply = await ben.client.post(`/api/v1/inbox/conversations/${id}/messages`, {
      content: 'Ben here, jumping in.',
    });
    expect(reply.status).toBe(201);
    expect(await statusOf(id)).toMatchObject({ status: 'human', assigneeId: ben.userId });

    const toAna = await ben.client.post(`/api/v1/inbox/conversations/${id}/assign`, { userId: ana.userId });
    expect(toAna.body.conversation).toMatchObject({ status: 'human', assigneeId: ana.userId });
    const toViewer = await ben.client.post(`/api/v1/inbox/conversations/${id}/assign`, {
      userId: ws.members.vic!.userId,
    });
    expect(toViewer.status).toBe(409);
    expect(toViewer.body.error.code).toBe('not_assignable');
    expect((await ben.client.post(`/api/v1/inbox/conversations/${id}/assign`, { userId: 'not-a-member' })).status).toBe(
      404,
    );
    const queued = await ben.client.post(`/api/v1/inbox/conversations/${id}/assign`, { userId: null });
    expect(queued.body.conversation).toMatchObject({ status: 'pending_human', assigneeId: null });

    const closed = await ana.client.post(`/api/v1/inbox/conversations/${id}/close`);
    expect(closed.body.conversation).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(
      (await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Late' })).body.error.code,
    ).toBe('conversation_closed');
    const reopened = await ana.client.post(`/api/v1/inbox/conversations/${id}/reopen`);
    expect(reopened.body.conversation).toMatchObject({ status: 'human', assigneeId: ana.userId, closedAt: null });
    expect((await ana.client.post(`/api/v1/inbox/conversations/${id}/reopen`)).body.error.code).toBe('not_closed');

    // A visitor writing to a closed conversation reopens it for the bot.
    await ana.client.post(`/api/v1/inbox/conversations/${id}/close`);
    const back = await say(ws.api, id, 'How do I return an item?');
    expect(back.body).toMatchObject({ status: 'complete', conversationStatus: 'bot' });
    expect((await transitions(id)).at(-1)).toMatchObject({
      event: 'conversation.reopened',
      from_status: 'closed',
      to_status: 'bot',
      actor_type: 'apiKey',
    });
  });

  it('viewers read the inbox but change nothing; API keys have no inbox', async () => {
    const vic = ws.members.vic!;
    const id = await ws.conversation();
    expect((await vic.client.json('/api/v1/inbox/conversations')).status).toBe(200);
    expect((await vic.client.json(`/api/v1/inbox/conversations/${id}`)).status).toBe(200);
    for (const path of ['takeover', 'release', 'close']) {
      const res = await vic.client.post(`/api/v1/inbox/conversations/${id}/${path}`);
      expect(res.status, path).toBe(403);
    }
    expect((await vic.client.post(`/api/v1/inbox/conversations/${id}/notes`, { content: 'hm' })).status).toBe(403);
    expect((await ws.api.post(`/api/v1/inbox/conversations/${id}/takeover`)).status).toBe(403);
    expect((await statusOf(id)).status).toBe('bot');
  });
});
