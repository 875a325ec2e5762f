import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { captureLead } from '../leads';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { mailText } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { openStream } from '../../../test/support/sse';
import { say } from '../../../test/support/workspace';

/**
 * What follows a hand-off: round-robin among online members with room (capacity), mail to
 * on-duty members who are offline, members coming online picking up what waited; and
 * business hours, outside which the visitor is told when to expect an answer and asked for
 * contact details until they leave them.
 */
// Hand-off mails go at most once a window per workspace after the first: a short one, so each test's mail goes at once.
const rt = useTestRuntime({ HANDOFF_MAIL_DIGEST_SECONDS: '1' });
let ws: InboxWorkspace;

const settings = (patch: Record<string, unknown>) =>
  ws.owner.json('/api/v1/inbox/settings', { method: 'PUT', json: patch });
const conversationOf = async (id: string) => (await ws.api.json(`/api/v1/conversations/${id}`)).body.conversation;
const online = (name: string, status = 'online') => ws.members[name]!.client.post('/api/v1/inbox/presence', { status });
const mailsTo = (email: string) => {
  const dir = path.join(rt.current.runtime.config.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => mailText(fs.readFileSync(path.join(dir, f), 'utf8')))
    .filter((text) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'm').test(text));
};
const routed = (id: string) =>
  eventually(
    async () =>
      (
        await withPlatform((tx) =>
          tx.query('SELECT routed_at IS NOT DISTINCT FROM handoff_at AS done FROM conversations WHERE id = $1', [id]),
        )
      ).rows[0]?.done,
  );

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'routing', { ana: 'agent', ben: 'agent', cy: 'manager', vic: 'viewer' });
});

describe('round-robin', () => {
  it('assigns to online members with room, longest-waiting first; the rest waits; coming online picks it up', async () => {
    expect((await settings({ autoAssign: true, defaultCapacity: 1 })).status).toBe(200);
    await online('ana');
    await online('ben');
    const owner = ws.members.owner!;
    await owner.client.post('/api/v1/inbox/presence', { status: 'away' });
    // Cy holds no capacity of her own: set to 0, she is never auto-assigned even when online.
    expect(
      (
        await ws.owner.json(`/api/v1/inbox/members/${ws.members.cy!.userId}`, {
          method: 'PATCH',
          json: { capacity: 0 },
        })
      ).status,
    ).toBe(204);
    await online('cy');

    const ids = [await ws.conversation(), await ws.conversation(), await ws.conversation()];
    for (const id of ids) {
      await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
      await routed(id);
    }
    const owners = await Promise.all(ids.map(async (id) => (await conversationOf(id)).assigneeId));
    expect(new Set(owners.slice(0, 2))).toEqual(new Set([ws.members.ana!.userId, ws.members.ben!.userId]));
    expect(owners[2]).toBeNull();
    expect((await conversationOf(ids[2]!)).status).toBe('pending_human');

    const team = (await ws.owner.json('/api/v1/inbox/members')).body.members as Array<{
      userId: string;
      status: string;
      open: number;
      effectiveCapacity: number;
    }>;
    const ana = team.find((m) => m.userId === ws.members.ana!.userId)!;
    expect(ana).toMatchObject({ status: 'online', open: 1, effectiveCapacity: 1 });

    // Ana hands hers back to the bot: she has room again, but only a member coming online re-routes the queue.
    const anas = ids[owners.indexOf(ws.members.ana!.userId)]!;
    expect((await ws.members.ana!.client.post(`/api/v1/inbox/conversations/${anas}/release`)).status).toBe(200);
    await online('ana', 'away');
    await online('ana', 'online');
    const third = await eventually(async () => {
      const c = await conversationOf(ids[2]!);
      return c.status === 'human' ? c : null;
    });
    expect(third.assigneeId).toBe(ws.members.ana!.userId);
    // Whoever gets a conversation finds a summary of it waiting as a note.
    const summary = await eventually(async () =>
      (
        (await ws.owner.json(`/api/v1/inbox/conversations/${ids[2]}`)).body.notes as Array<{
          kind: string;
          content: string;
        }>
      ).find((n) => n.kind === 'summary'),
    );
    expect(summary.content).toMatch(/An anonymous visitor, through api\./);
  });

  it('mails on-duty members who are not online when nobody takes it (never the online, the off-duty or viewers)', async () => {
    expect((await settings({ autoAssign: false })).status).toBe(200);
    const ben = ws.members.ben!;
    await online('ana');
    await online('ben', 'offline');
    await online('cy', 'offline');
    expect(
      (
        await ws.members.cy!.client.json(`/api/v1/inbox/members/${ws.members.cy!.userId}`, {
          method: 'PATCH',
          json: { onDuty: false },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await ws.members.cy!.client.json(`/api/v1/inbox/members/${ben.userId}`, {
          method: 'PATCH',
          json: { onDuty: false },
        })
      ).status,
    ).toBe(403);

    const before = {
      ana: mailsTo(ws.members.ana!.email).length,
      ben: mailsTo(ben.email).length,
      cy: mailsTo(ws.members.cy!.email).length,
      vic: mailsTo(ws.members.vic!.email).length,
    };
    const id = await ws.conversation();
    await say(ws.api, id, 'My parcel never arrived');
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, { reason: 'Lost parcel' });
    await routed(id);
    const mail = await eventually(async () => mailsTo(ben.email).length > before.ben && mailsTo(ben.email).at(-1));
    expect(mail).toMatch(/Subject: A visitor is waiting for a person in routing workspace/);
    expect(mail).toContain('My parcel never arrived');
    expect(mail).toContain('Why: Lost parcel');
    expect(mail).toContain(`/w/${ws.id}/inbox/${id}`);
    expect(mailsTo(ws.members.ana!.email).length).toBe(before.ana);
    expect(mailsTo(ws.members.cy!.email).length).toBe(before.cy);
    expect(mailsTo(ws.members.vic!.email).length).toBe(before.vic);
    // Routed once: asking again while it waits sends nothing more.
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(ben.email).length).toBe(before.ben + 1);
  });
});

describe('business hours', () => {
  it('outside them: the visitor hears when to expect an answer and is asked for contact details until they leave them', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(
      (await settings({ businessHours: { enabled: true, timezone: 'UTC', holidays: [today, tomorrow] } })).status,
    ).toBe(200);
    const id = await ws.conversation();
    const stream = await openStream(ws.api, `/api/v1/conversations/${id}/events`);
    const res = await say(ws.api, id, 'I want to speak to a human', { stream: true });
    const handoff = res.events.find((e) => e.event === 'handoff')!.data;
    expect(handoff).toMatchObject({ askContact: true, opensAt: expect.any(String) });
    expect(new Date(handoff.opensAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(handoff.notice).toMatch(
      /Our team is away right now\. A person will reply from \w+day 09:00 \(UTC\)\. Leave your email or phone number/,
    );
    await stream.waitFor((f) => f.some((x) => x.event === 'status' && x.data.askContact === true));

    const visitor = { tenantId: ws.id, actor: { type: 'visitor' as const, visitorId: 'v1' }, requestId: 'test' };
    await captureLead(
      visitor,
      { email: 'pat@example.com', name: 'Pat' },
      { conversationId: id, agentId: ws.agentId, source: 'widget' },
    );
    await stream.waitFor((f) =>
      f.some(
        (x) => x.event === 'status' && x.data.cause === 'conversation.contact_received' && x.data.askContact === false,
      ),
    );
    expect((await conversationOf(id)).askContact).toBe(false);
    const detail = (await ws.members.ana!.client.json(`/api/v1/inbox/conversations/${id}`)).body;
    expect(detail.leads).toMatchObject([{ email: 'pat@example.com', name: 'Pat' }]);
    await stream.close();
    await settings({ businessHours: { enabled: false } });
  });
});
