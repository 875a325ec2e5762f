import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { openStream } from '../../../test/support/sse';
import { say, testWorkspace } from '../../../test/support/workspace';

/** Notes, canned responses, unread counts, the list and its filters, the co-pilot without a model, the detail view. */
const rt = useTestRuntime();
let ws: InboxWorkspace;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'features');
});

describe('internal notes', () => {
  it('are the team’s only: never in the messages, the visitor’s stream or the bot’s history', async () => {
    const ana = ws.members.ana!;
    const id = await ws.conversation();
    const visitorStream = await openStream(ws.api, `/api/v1/conversations/${id}/events`);
    const inbox = await openStream(ana.client, '/api/v1/inbox/events');
    await inbox.waitFor((f) => f.some((x) => x.event === 'snapshot'));
    const note = await ana.client.post(`/api/v1/inbox/conversations/${id}/notes`, {
      content: 'Secret: this customer owes us 40 EUR',
    });
    expect(note.status).toBe(201);
    expect(note.body.note).toMatchObject({
      kind: 'note',
      authorId: ana.userId,
      content: 'Secret: this customer owes us 40 EUR',
    });
    await inbox.waitFor((f) => f.some((x) => x.event === 'note' && x.data.note.id === note.body.note.id));
    await say(ws.api, id, 'When are you open?');
    await visitorStream.waitFor((f) => f.filter((x) => x.event === 'message').length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(visitorStream.frames)).not.toContain('owes us');
    expect(JSON.stringify((await ws.api.json(`/api/v1/conversations/${id}`)).body)).not.toContain('owes us');
    expect(JSON.stringify((await ws.api.json(`/api/v1/conversations/${id}/messages`)).body)).not.toContain('owes us');
    const detail = (await ana.client.json(`/api/v1/inbox/conversations/${id}`)).body;
    expect(detail.notes.map((n: any) => n.content)).toContain('Secret: this customer owes us 40 EUR');
    expect(detail.messages.every((m: any) => !m.content.includes('owes us'))).toBe(true);
    await visitorStream.close();
    await inbox.close();
  });
});

describe('canned responses', () => {
  it('are created, listed, edited and deleted by repliers; shortcuts are unique; viewers only read', async () => {
    const ana = ws.members.ana!;
    const made = await ana.client.post('/api/v1/inbox/canned-responses', {
      shortcut: 'Refund',
      title: 'Refunds',
      content: 'Refunds reach your card within 5 business days.',
    });
    expect(made.status).toBe(201);
    expect(made.body.cannedResponse).toMatchObject({ shortcut: 'refund', createdBy: ana.userId });
    const clash = await ws.members.ben!.client.post('/api/v1/inbox/canned-responses', {
      shortcut: 'REFUND',
      title: 'Dup',
      content: 'x',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('shortcut_taken');
    expect(
      (await ana.client.post('/api/v1/inbox/canned-responses', { shortcut: 'two words', title: 'Bad', content: 'x' }))
        .status,
    ).toBe(400);
    const id = made.body.cannedResponse.id;
    const edited = await ana.client.json(`/api/v1/inbox/canned-responses/${id}`, {
      method: 'PATCH',
      json: { content: 'Refunds take 5 business days.' },
    });
    expect(edited.body.cannedResponse).toMatchObject({ shortcut: 'refund', content: 'Refunds take 5 business days.' });
    const vic = ws.members.vic!;
    expect(
      (await vic.client.json('/api/v1/inbox/canned-responses')).body.cannedResponses.map((c: any) => c.shortcut),
    ).toContain('refund');
    expect(
      (await vic.client.post('/api/v1/inbox/canned-responses', { shortcut: 'hi', title: 'Hi', content: 'Hi!' })).status,
    ).toBe(403);
    expect((await vic.client.json(`/api/v1/inbox/canned-responses/${id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await ana.client.json(`/api/v1/inbox/canned-responses/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await ana.client.json(`/api/v1/inbox/canned-responses/${id}`, { method: 'DELETE' })).status).toBe(404);
    const other = await testWorkspace(rt.current, 'features-other');
    const theirs = await other.owner.post('/api/v1/inbox/canned-responses', {
      shortcut: 'refund',
      title: 'Theirs',
      content: 'Not yours.',
    });
    expect(theirs.status).toBe(201);
    expect(
      (
        await ana.client.json(`/api/v1/inbox/canned-responses/${theirs.body.cannedResponse.id}`, {
          method: 'PATCH',
          json: { title: 'Mine now' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('unread counts', () => {
  it('count the visitor’s messages after each member’s own read marker', async () => {
    const ana = ws.members.ana!;
    const ben = ws.members.ben!;
    const id = await ws.conversation();
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
    await say(ws.api, id, 'Hello?');
    await say(ws.api, id, 'Anyone there?');
    const row = async (client = ana.client) =>
      ((await client.json('/api/v1/inbox/conversations?status=pending_human')).body.conversations as any[]).find(
        (c) => c.id === id,
      );
    expect((await row()).unread).toBe(2);
    expect((await ana.client.post(`/api/v1/inbox/conversations/${id}/read`, {})).status).toBe(204);
    expect((await row()).unread).toBe(0);
    expect((await row(ben.client)).unread).toBe(2);
    await say(ws.api, id, 'Still waiting');
    expect((await row()).unread).toBe(1);
    // Found by content: notices (nobody online) and the bot's answers while it waits sit between.
    const messages = (await ws.api.json(`/api/v1/conversations/${id}/messages`)).body.messages as any[];
    const hello = messages.find((m) => m.role === 'user' && m.content === 'Hello?');
    await ben.client.post(`/api/v1/inbox/conversations/${id}/read`, { messageId: hello.id });
    expect((await row(ben.client)).unread).toBe(2);
    // A read marker never moves backwards.
    await ben.client.post(`/api/v1/inbox/conversations/${id}/read`, { messageId: messages[0].id });
    expect((await row(ben.client)).unread).toBe(2);
  });
});

describe('the list', () => {
  it('filters by status, assignee, agent and channel, and pages without repeats when times tie', async () => {
    const ana = ws.members.ana!;
    const secondAgent = (await ws.api.post('/api/v1/agents', { name: 'Second' })).body.agent.id as string;
    const mine = await ws.conversation({}, 'widget');
    await ws.api.post(`/api/v1/conversations/${mine}/handoff`, {});
    await ana.client.post(`/api/v1/inbox/conversations/${mine}/takeover`);
    const waiting = await ws.conversation({ name: 'Wanda', email: 'wanda@example.com' }, 'hosted');
    await ws.api.post(`/api/v1/conversations/${waiting}/handoff`, {});
    const other = (await ws.api.post('/api/v1/conversations', { agentId: secondAgent, channel: 'api' })).body
      .conversation.id as string;
    await ws.api.post(`/api/v1/conversations/${other}/handoff`, {});
    const ids = async (query: string, client = ana.client) =>
      ((await client.json(`/api/v1/inbox/conversations?${query}`)).body.conversations as any[]).map((c) => c.id);

    expect(await ids('assignee=me')).toEqual([mine]);
    expect(await ids('assignee=me', ws.members.ben!.client)).toEqual([]);
    expect(await ids(`assignee=${ana.userId}`, ws.members.ben!.client)).toEqual([mine]);
    const unassigned = await ids('assignee=unassigned');
    expect(unassigned).toEqual(expect.arrayContaining([waiting, other]));
    expect(unassigned).not.toContain(mine);
    expect(await ids(`agentId=${secondAgent}`)).toEqual([other]);
    expect(await ids('channel=hosted')).toEqual([waiting]);
    const row = ((await ana.client.json('/api/v1/inbox/conversations?channel=hosted')).body.conversations as any[])[0];
    expect(row).toMatchObject({
      status: 'pending_human',
      visitor: { name: 'Wanda', email: 'wanda@example.com' },
      assignee: null,
      lastMessage: { role: 'assistant' },
    });
    const mineRow = ((await ana.client.json('/api/v1/inbox/conversations?assignee=me')).body.conversations as any[])[0];
    expect(mineRow.assignee).toMatchObject({ id: ana.userId, name: expect.any(String) });
    expect((await ana.client.json('/api/v1/inbox/conversations?status=closed')).body.conversations).toEqual([]);
    expect((await ana.client.json('/api/v1/inbox/conversations?cursor=garbage')).status).toBe(400);

    // Three conversations updated in the same millisecond, microseconds apart: pages of one
    // must give each exactly once (a JS Date cursor would lose the microseconds).
    const tied = [
      await ws.conversation({}, 'telegram'),
      await ws.conversation({}, 'telegram'),
      await ws.conversation({}, 'telegram'),
    ];
    await withPlatform((tx) =>
      tx.query(
        `UPDATE conversations SET updated_at = '2030-01-01T00:00:00.000100Z'::timestamptz + (interval '1 microsecond' * array_position($1::text[], id)) WHERE id = ANY($1)`,
        [tied],
      ),
    );
    for (const path of [
      '/api/v1/inbox/conversations?status=all&channel=telegram&limit=1',
      '/api/v1/conversations?channel=telegram&limit=1',
    ]) {
      const seen: string[] = [];
      let next: string | null = path;
      while (next) {
        const page: any = (await ana.client.json(next)).body;
        seen.push(...page.conversations.map((c: any) => c.id));
        next = page.nextCursor ? `${path}&cursor=${encodeURIComponent(page.nextCursor)}` : null;
      }
      expect(seen, path).toEqual([...tied].reverse());
    }
  });
});

describe('co-pilot without a model', () => {
  it('drafts a reply from the knowledge with citations, or a holding reply when it knows nothing', async () => {
    const ana = ws.members.ana!;
    const id = await ws.conversation();
    expect((await ana.client.post(`/api/v1/inbox/conversations/${id}/draft`)).body.error.code).toBe(
      'nothing_to_answer',
    );
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
    await say(ws.api, id, 'How do I return an item?');
    const draft = await ana.client.post(`/api/v1/inbox/conversations/${id}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body.draft).toMatchObject({ source: 'extractive', model: null });
    expect(draft.body.draft.content).toContain('within 30 days');
    expect(draft.body.draft.citations[0]).toMatchObject({ index: 1, snippet: expect.stringContaining('return') });
    // Once the member has answered, only what the visitor asked since counts.
    expect(
      (await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: draft.body.draft.content }))
        .status,
    ).toBe(201);
    await say(ws.api, id, 'Do you sell submarines?');
    const holding = await ana.client.post(`/api/v1/inbox/conversations/${id}/draft`);
    expect(holding.body.draft).toMatchObject({ citations: [], content: expect.stringMatching(/get back to you/) });
    expect((await ws.members.vic!.client.post(`/api/v1/inbox/conversations/${id}/draft`)).status).toBe(403);
  });

  it('summarizes at takeover, and on demand', async () => {
    const ana = ws.members.ana!;
    const id = await ws.conversation({
      name: 'Sam',
      email: 'sam@example.com',
      page: 'https://shop.example/returns',
      userAgent: 'Mozilla/5.0 Firefox/140',
    });
    await say(ws.api, id, 'How do I return an item?');
    await say(ws.api, id, 'I want to talk to a human');
    await ana.client.post(`/api/v1/inbox/conversations/${id}/takeover`);
    let detail: any;
    for (let i = 0; i < 100 && !detail?.notes.length; i++) {
      detail = (await ana.client.json(`/api/v1/inbox/conversations/${id}`)).body;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(detail.notes[0]).toMatchObject({ kind: 'summary', authorId: null });
    expect(detail.notes[0].content).toBe(
      [
        'Sam, sam@example.com on https://shop.example/returns, through api.',
        'First asked: “How do I return an item?”',
        'Latest: “I want to talk to a human”',
        '2 visitor messages; the bot answered 1 time, 0 without finding anything.',
        'Handed to a person: The visitor asked for a person.',
      ].join('\n'),
    );
    expect(detail.visitor).toMatchObject({
      name: 'Sam',
      email: 'sam@example.com',
      page: 'https://shop.example/returns',
      userAgent: 'Mozilla/5.0 Firefox/140',
    });
    expect(detail.conversation.assignee).toMatchObject({ id: ana.userId });
    expect(detail.transitions.map((t: any) => t.event)).toEqual([
      'conversation.handoff_requested',
      'conversation.taken_over',
    ]);
    expect(
      detail.messages.find((m: any) => m.role === 'assistant' && m.model === 'extractive').citations.length,
    ).toBeGreaterThan(0);
    const again = await ana.client.post(`/api/v1/inbox/conversations/${id}/summary`);
    expect(again.status).toBe(201);
    expect(again.body.note).toMatchObject({ kind: 'summary', authorId: ana.userId });
  });
});
