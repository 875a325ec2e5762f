import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTenant } from '../../platform/tenancy';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { captureLead } from '../leads';
import { rebuildAnalytics, refreshConversation } from './index';
import { addDays, todayIn } from './range';

/**
 * Rollups from conversations driven through the real services and routes: a visitor's turn,
 * a hand-off, a person's reply, ratings, a lead; counted by hand below.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let ws: InboxWorkspace;
let publicKey: string;
const today = () => todayIn('UTC');
const range = () => `from=${addDays(today(), -1)}&to=${addDays(today(), 1)}`;
const ids: Record<string, string> = {};

const summary = async (client = ws.api, query = range()) => {
  const res = await client.json(`/api/v1/analytics/summary?${query}`);
  expect(res.status).toBe(200);
  return res.body.current;
};
/** Reactions run as jobs: polls until the numbers match, then asserts (a mismatch shows its diff). */
async function settled(expected: Record<string, unknown>, query = range(), client = ws.api) {
  await eventually(async () => {
    const current = await summary(client, query);
    return Object.entries(expected).every(([k, v]) => JSON.stringify(current[k]) === JSON.stringify(v));
  }).catch(() => undefined);
  const current = await summary(client, query);
  expect(current).toMatchObject(expected);
  return current;
}

const facts = (tenantId: string) =>
  withTenant({ tenantId }, async (tx) => ({
    conversations: (await tx.query('SELECT * FROM analytics_conversations ORDER BY conversation_id')).rows.map(
      ({ updated_at: _u, ...rest }) => rest,
    ),
    daily: (await tx.query('SELECT * FROM analytics_daily ORDER BY day, agent_id, channel')).rows,
  }));

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'analytics');
  ({ publicKey } = await widgetFor(ws, ws.agentId));
  const ana = ws.members.ana!.client;

  // A: answered, rated up, handed off by the visitor, answered by Ana, closed, rated 4, a lead.
  const a = new VisitorClient(rt.current, publicKey);
  await a.session();
  const answer = await a.send('What are your opening hours?');
  expect(answer.status).toBe(200);
  expect((await a.post(`/messages/${answer.body.messageId}/feedback`, { rating: 'up' })).status).toBe(200);
  expect((await a.post('/handoff', {})).status).toBe(200);
  ids.a = a.conversationId!;
  expect(
    (await ana.post(`/api/v1/inbox/conversations/${ids.a}/messages`, { content: 'Hello, Ana here.' })).status,
  ).toBe(201);
  expect((await ana.post(`/api/v1/inbox/conversations/${ids.a}/close`)).status).toBe(200);
  expect((await a.post('/rating', { rating: 4 })).status).toBe(200);
  await captureLead(
    systemContext(ws.id, 'test'),
    { email: 'ada@example.test' },
    {
      conversationId: ids.a,
      agentId: ws.agentId,
      source: 'agent',
    },
  );

  // B: a question nothing answers, left open.
  const b = new VisitorClient(rt.current, publicKey);
  await b.session();
  expect((await b.send('Do you sell bicycles?')).status).toBe(200);
  ids.b = b.conversationId!;

  // C: answered by the bot, closed with nobody involved, rated 5.
  const c = new VisitorClient(rt.current, publicKey);
  await c.session();
  expect((await c.send('How do I return an item?')).status).toBe(200);
  ids.c = c.conversationId!;
  expect((await ana.post(`/api/v1/inbox/conversations/${ids.c}/close`)).status).toBe(200);
  expect((await c.post('/rating', { rating: 5 })).status).toBe(200);
});

describe('rollups from real conversations', () => {
  it('counts exactly what happened', async () => {
    const current = await settled({
      conversations: 3,
      // A: question, answer, the "nobody is online" notice (the hand-off has no other), Ana; B and C: question, answer.
      messages: { visitor: 3, bot: 4, person: 1, total: 8 },
      botResolved: 1,
      handedOff: 1,
      unansweredConversations: 1,
      unansweredQuestions: 1,
      csat: { count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] },
      feedback: { up: 1, down: 0 },
      leads: 1,
      leadRate: 0.3333,
    });
    expect(current.firstResponseSeconds.count).toBe(1);
    expect(current.resolutionSeconds.count).toBe(2);
    const handoffs = await ws.api.json(`/api/v1/analytics/handoffs?${range()}`);
    expect(handoffs.body.total).toBe(1);
    expect(handoffs.body.causes[0]).toEqual({ cause: 'visitor', count: 1 });
    const questions = await ws.api.json(`/api/v1/analytics/questions?${range()}`);
    expect(questions.body.top.map((q: any) => q.key).sort()).toEqual([
      'do you sell bicycles',
      'how do i return an item',
      'what are your opening hours',
    ]);
    expect(questions.body.unanswered).toEqual([
      { key: 'do you sell bicycles', question: 'Do you sell bicycles?', count: 1 },
    ]);
    const series = await ws.api.json(`/api/v1/analytics/timeseries?${range()}`);
    expect(series.body.points.map((p: any) => p.conversations)).toEqual([0, 3, 0]);
  });

  it('does not count an event applied twice twice, and a rebuild equals the incremental rows', async () => {
    const before = await facts(ws.id);
    await withTenant(systemContext(ws.id, 'test'), (tx) => refreshConversation(tx, ids.a!, 'keyword'));
    await withTenant(systemContext(ws.id, 'test'), (tx) => refreshConversation(tx, ids.a!));
    expect(await facts(ws.id)).toEqual(before);
    const rebuilt = await rebuildAnalytics(systemContext(ws.id, 'test'), {
      from: addDays(today(), -1),
      to: addDays(today(), 1),
    });
    expect(rebuilt.conversations).toBe(3);
    expect(await facts(ws.id)).toEqual(before);
  });

  it('corrects the day when a conversation is re-opened and closed again', async () => {
    const ana = ws.members.ana!.client;
    expect((await ana.post(`/api/v1/inbox/conversations/${ids.a}/reopen`)).status).toBe(200);
    const open = await settled({ conversations: 3, botResolved: 1 });
    await eventually(async () => (await summary()).resolutionSeconds.count === 1).catch(() => undefined);
    expect((await summary()).resolutionSeconds.count).toBe(1);
    expect(open.conversations).toBe(3);
    expect((await ana.post(`/api/v1/inbox/conversations/${ids.a}/close`)).status).toBe(200);
    await eventually(async () => (await summary()).resolutionSeconds.count === 2).catch(() => undefined);
    expect((await summary()).resolutionSeconds.count).toBe(2);
  });
});

describe('days in the workspace time zone', () => {
  let other: InboxWorkspace;
  beforeAll(async () => {
    other = await inboxWorkspace(rt.current, 'analytics-tz', {});
    const settings = await other.owner.json('/api/v1/inbox/settings');
    const put = await other.owner.json('/api/v1/inbox/settings', {
      method: 'PUT',
      json: {
        ...settings.body.settings,
        businessHours: { ...settings.body.settings.businessHours, timezone: 'America/New_York' },
      },
    });
    expect(put.status).toBe(200);
  });

  /** A conversation that started at `at` (UTC), whose late message arrives now. */
  async function startedAt(at: string): Promise<string> {
    const id = await other.conversation();
    await withTenant({ tenantId: other.id }, (tx) =>
      tx.query('UPDATE conversations SET created_at = $2 WHERE id = $1', [id, at]),
    );
    expect((await other.api.post(`/api/v1/conversations/${id}/messages`, { content: 'Hello again' })).status).toBe(200);
    return id;
  }

  it('puts a late event on the local day its conversation started, across a daylight-saving change', async () => {
    // 04:30 UTC on 8 March 2026 is 23:30 on the 7th in New York (EST, UTC-5); a day later,
    // after clocks went forward that night, 04:30 UTC is 00:30 on the 9th (EDT, UTC-4).
    await startedAt('2026-03-08T04:30:00Z');
    await startedAt('2026-03-09T04:30:00Z');
    const byDay = async () =>
      (await other.api.json('/api/v1/analytics/timeseries?from=2026-03-07&to=2026-03-09')).body.points.map((p: any) => [
        p.start,
        p.conversations,
        p.visitorMessages,
      ]);
    await eventually(
      async () =>
        JSON.stringify(await byDay()) ===
        JSON.stringify([
          ['2026-03-07', 1, 1],
          ['2026-03-08', 0, 0],
          ['2026-03-09', 1, 1],
        ]),
    ).catch(() => undefined);
    expect(await byDay()).toEqual([
      ['2026-03-07', 1, 1],
      ['2026-03-08', 0, 0],
      ['2026-03-09', 1, 1],
    ]);
    const weekly = await other.api.json('/api/v1/analytics/timeseries?from=2026-03-07&to=2026-03-09&interval=week');
    expect(weekly.body.points.map((p: any) => [p.start, p.conversations])).toEqual([
      ['2026-03-02', 1],
      ['2026-03-09', 1],
    ]);
    const rebuilt = await facts(other.id);
    await rebuildAnalytics(systemContext(other.id, 'test'), { from: '2026-03-01', to: '2026-03-31' });
    expect(await facts(other.id)).toEqual(rebuilt);
  });

  it('keeps each workspace to its own numbers', async () => {
    const mine = await summary(other.api);
    expect(mine.conversations).toBe(0);
    const theirs = await summary(ws.api, 'from=2026-03-07&to=2026-03-09');
    expect(theirs.conversations).toBe(0);
    const rows = await withTenant({ tenantId: other.id }, (tx) =>
      tx.query('SELECT DISTINCT tenant_id FROM analytics_daily UNION SELECT tenant_id FROM analytics_conversations'),
    );
    expect(rows.rows).toEqual([{ tenant_id: other.id }]);
  });
  it('counts the wait for a person during business hours only', async () => {
    const settings = (await other.owner.json('/api/v1/inbox/settings')).body.settings;
    const hours = { ...settings.businessHours, enabled: true, timezone: 'America/New_York' };
    expect(
      (await other.owner.json('/api/v1/inbox/settings', { method: 'PUT', json: { ...settings, businessHours: hours } }))
        .status,
    ).toBe(200);
    const id = await other.conversation();
    expect((await other.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Wants a person' })).status).toBe(
      200,
    );
    const reply = await other.owner.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Hello' });
    expect(reply.status).toBe(201);
    // Handed off on Friday 16:50 in New York, answered on Monday 09:10: twenty open minutes.
    await withTenant({ tenantId: other.id }, async (tx) => {
      await tx.query(`UPDATE conversations SET created_at = '2026-03-13T20:40:00Z' WHERE id = $1`, [id]);
      await tx.query(
        `UPDATE conversation_transitions SET created_at = '2026-03-13T20:50:00Z' WHERE conversation_id = $1 AND event = 'conversation.handoff_requested'`,
        [id],
      );
      await tx.query(
        `UPDATE messages SET created_at = '2026-03-16T13:10:00Z' WHERE conversation_id = $1 AND role = 'human'`,
        [id],
      );
    });
    expect((await other.owner.post(`/api/v1/inbox/conversations/${id}/close`)).status).toBe(200);
    const friday = 'from=2026-03-13&to=2026-03-13';
    await eventually(async () => (await summary(other.api, friday)).firstResponseSeconds.count === 1).catch(
      () => undefined,
    );
    expect((await summary(other.api, friday)).firstResponseSeconds).toEqual({ count: 1, median: 1200, p90: 1200 });
  });
});

describe('the API', () => {
  it('compares with the previous period of the same length', async () => {
    const res = await ws.api.json(`/api/v1/analytics/summary?from=${today()}&to=${addDays(today(), 2)}`);
    expect(res.body.previousRange).toEqual({ from: addDays(today(), -3), to: addDays(today(), -1) });
    expect(res.body.previous.conversations).toBe(0);
    expect(res.body.current.conversations).toBe(3);
  });

  it('filters by agent and channel', async () => {
    expect((await summary(ws.api, `${range()}&channel=widget`)).conversations).toBe(3);
    expect((await summary(ws.api, `${range()}&channel=api`)).conversations).toBe(0);
    expect((await summary(ws.api, `${range()}&agentId=${ws.agentId}`)).conversations).toBe(3);
    expect((await summary(ws.api, `${range()}&agentId=agt_nobody`)).conversations).toBe(0);
  });

  it('answers bad ranges and intervals with a 400 envelope', async () => {
    for (const query of [
      'from=2026-05-02&to=2026-05-01',
      'from=2026-02-30',
      'from=2024-01-01&to=2026-01-01',
      'interval=hour',
      'to=yesterday',
    ]) {
      for (const path of ['summary', 'timeseries', 'handoffs', 'questions']) {
        const res = await ws.api.json(`/api/v1/analytics/${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
    }
  });
});
