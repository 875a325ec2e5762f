import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { say } from '../../../test/support/workspace';
import { handoffWaitExpired } from './waiting';

/**
 * Never a stranded visitor: a hand-off that finds nobody online, or that nobody takes within
 * the workspace's wait, tells the visitor so (once) and asks for contact details; meanwhile the
 * bot keeps answering, and stops the moment a person joins.
 */
const rt = useTestRuntime();
let ws: InboxWorkspace;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'waiting', { ana: 'agent' });
});

type Message = { role: string; content: string; model: string | null };
const messagesOf = async (id: string) => (await ws.api.json(`/api/v1/conversations/${id}`)).body.messages as Message[];
const row = async (id: string) =>
  (
    await withPlatform((tx) =>
      tx.query('SELECT status, ask_contact, handoff_at, waiting_told_at FROM conversations WHERE id = $1', [id]),
    )
  ).rows[0] as {
    status: string;
    ask_contact: boolean;
    handoff_at: Date;
    waiting_told_at: Date | null;
  };
const waitJob = async (id: string) =>
  (
    await rt.current.runtime.database.pool.query(
      `SELECT start_after, data FROM pgboss.job WHERE name = 'inbox.handoff-wait' AND data->>'conversationId' = $1`,
      [id],
    )
  ).rows[0] as { start_after: Date; data: { handoffAt: string } } | undefined;
const online = (on: boolean) =>
  ws.members.ana!.client.post('/api/v1/inbox/presence', { status: on ? 'online' : 'offline' });
const NOBODY_ONLINE = /Nobody from our team is online right now/;
const NOBODY_YET = /nobody from our team has been able to join yet/;

describe('waiting for a person', () => {
  it('nobody online: the visitor is told at once, honestly, and asked for contact details', async () => {
    const id = await ws.conversation();
    const res = await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Wants a person' });
    expect(res.status).toBe(200);
    const notice = await eventually(async () => (await messagesOf(id)).find((m) => NOBODY_ONLINE.test(m.content)));
    expect(notice).toMatchObject({ role: 'assistant', model: 'handoff' });
    expect(notice.content).toMatch(/Leave your email or phone number/);
    expect(notice.content).toMatch(/I can keep answering your questions/);
    expect(await row(id)).toMatchObject({ status: 'pending_human', ask_contact: true });
    // Told once: the wait's end (nobody online, so no timer was set) changes nothing.
    expect(await waitJob(id)).toBeUndefined();
    expect(await handoffWaitExpired(ws.id, id, (await row(id)).handoff_at.toISOString())).toBe(false);
    // One notice, the honest one: no "someone will reply here soon" before it.
    expect((await messagesOf(id)).filter((m) => m.model === 'handoff')).toEqual([notice]);
  });

  it('a visitor who already left contact details is told, but not asked for them again', async () => {
    const id = await ws.conversation();
    // As the agent's capture tool or an earlier form would have left it.
    await withPlatform((tx) =>
      tx.query(
        `INSERT INTO leads (tenant_id, id, conversation_id, email, source) VALUES ($1, 'lead_' || substr(md5(random()::text), 1, 26), $2, 'known@example.test', 'agent')`,
        [ws.id, id],
      ),
    );
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Wants a person' });
    const notice = await eventually(async () => (await messagesOf(id)).find((m) => NOBODY_ONLINE.test(m.content)));
    expect(notice.content).not.toMatch(/Leave your email/);
    expect(notice.content).toMatch(/I can keep answering your questions/);
    expect((await row(id)).ask_contact).toBe(false);
  });

  it('someone online but nobody takes it: a durable timer, and at its end the same notice and contact request', async () => {
    expect((await online(true)).status).toBe(200);
    try {
      const id = await ws.conversation();
      await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Wants a person' });
      const job = await eventually(() => waitJob(id));
      const { handoff_at } = await row(id);
      // The default wait is two minutes from the hand-off.
      expect(Math.round((job.start_after.getTime() - handoff_at.getTime()) / 1000)).toBeGreaterThanOrEqual(119);
      expect(Math.round((job.start_after.getTime() - handoff_at.getTime()) / 1000)).toBeLessThanOrEqual(121);
      expect((await messagesOf(id)).some((m) => NOBODY_ONLINE.test(m.content) || NOBODY_YET.test(m.content))).toBe(
        false,
      );
      expect((await row(id)).ask_contact).toBe(false);
      // The timer fires (its handler, as the queue runs it when due).
      expect(await handoffWaitExpired(ws.id, id, job.data.handoffAt)).toBe(true);
      const after = await messagesOf(id);
      expect(after.filter((m) => NOBODY_YET.test(m.content))).toHaveLength(1);
      expect(after.find((m) => NOBODY_YET.test(m.content))!.content).toMatch(/Leave your email or phone number/);
      expect((await row(id)).ask_contact).toBe(true);
      // A timer that fires again (at least once) tells nobody twice.
      expect(await handoffWaitExpired(ws.id, id, job.data.handoffAt)).toBe(false);
    } finally {
      await online(false);
    }
  });

  it('a hand-off taken before the wait ends: the timer finds nothing to say', async () => {
    expect((await online(true)).status).toBe(200);
    try {
      const id = await ws.conversation();
      await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Wants a person' });
      const job = await eventually(() => waitJob(id));
      expect((await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${id}/takeover`, {})).status).toBe(200);
      expect(await handoffWaitExpired(ws.id, id, job.data.handoffAt)).toBe(false);
      expect((await messagesOf(id)).some((m) => NOBODY_YET.test(m.content))).toBe(false);
    } finally {
      await online(false);
    }
  });

  it('the bot keeps answering while the conversation waits, and stops when a member takes over', async () => {
    const id = await ws.conversation();
    const asked = await say(ws.api, id, 'Can I talk to a real person please?');
    expect(asked.body.conversationStatus).toBe('pending_human');
    const answered = await say(ws.api, id, 'What are your opening hours?');
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'complete', conversationStatus: 'pending_human' });
    expect(answered.body.content).toMatch(/9:00–17:00/);
    expect((await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${id}/takeover`, {})).status).toBe(200);
    const silent = await say(ws.api, id, 'How do I return an item?');
    expect(silent.body).toMatchObject({ status: 'queued_for_human', messageId: null, content: '' });
    expect((await messagesOf(id)).at(-1)).toMatchObject({ role: 'user', content: 'How do I return an item?' });
  });

  it('with "bot keeps answering" off, the bot is silent while the conversation waits', async () => {
    const current = (await ws.owner.json('/api/v1/inbox/settings')).body.settings;
    const saved = await ws.owner.json('/api/v1/inbox/settings', {
      method: 'PUT',
      json: { ...current, waiting: { ...current.waiting, botKeepsAnswering: false } },
    });
    expect(saved.status).toBe(200);
    try {
      const id = await ws.conversation();
      await say(ws.api, id, 'Can I talk to a real person please?');
      const silent = await say(ws.api, id, 'What are your opening hours?');
      expect(silent.body).toMatchObject({ status: 'queued_for_human', messageId: null });
    } finally {
      await ws.owner.json('/api/v1/inbox/settings', { method: 'PUT', json: current });
    }
  });
});
