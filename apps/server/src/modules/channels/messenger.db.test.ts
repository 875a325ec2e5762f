import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetaPagesPeer, type MetaPage } from '../../../test/support/channels/meta-pages-peer';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Messenger end to end against a local Graph API: Meta's subscription check, signed `page`
 * deliveries, answers through the Page's Send API with "typing…" first, split at 2,000
 * characters.
 */
const peer = await MetaPagesPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', META_GRAPH_API_URL: peer.url });

const APP_SECRET = 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6';
let ws: InboxWorkspace;
let other: InboxWorkspace;
let page: MetaPage;
let channel: { id: string; webhookUrl: string; verifyToken: string };

beforeAll(async () => {
  [ws, other] = await Promise.all([inboxWorkspace(rt.current, 'fb'), inboxWorkspace(rt.current, 'fb-other')]);
  page = peer.addPage('Acme Store');
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'messenger',
    agentId: ws.agentId,
    name: 'Acme Messenger',
    credentials: { pageId: page.id, pageAccessToken: page.pageAccessToken, appSecret: APP_SECRET },
  });
  expect(created.status).toBe(201);
  channel = created.body.channel;
});
afterAll(() => peer.close());

const rows = (tenantId: string, sql: string, values: unknown[] = []) =>
  withTenant(systemContext(tenantId, 'test'), async (tx) => (await tx.query(sql, values)).rows);

let nextPsid = 7_100_000_000_000_001;
const person = () => String(nextPsid++);
const say = (psid: string, text: string, options?: { mid?: string; echo?: boolean }) =>
  peer.deliver(channel.webhookUrl, APP_SECRET, peer.textMessage('page', page, psid, text, options));

describe('connecting a Facebook Page', () => {
  it('checks the Page token with Graph, shows a verify token, and masks the secrets', async () => {
    expect(channel.verifyToken).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const shown = await ws.owner.json(`/api/v1/channels/${channel.id}`);
    expect(shown.body.channel.credentials).toEqual({
      pageId: page.id,
      pageAccessToken: `••••${page.pageAccessToken.slice(-4)}`,
      appSecret: `••••${APP_SECRET.slice(-4)}`,
    });
    expect(JSON.stringify(shown.body)).not.toContain(page.pageAccessToken);
    expect((await ws.owner.post(`/api/v1/channels/${channel.id}/test`)).body).toEqual({
      ok: true,
      detail: `Connected to Acme Store (${page.id})`,
    });
    const wrong = await ws.owner.post('/api/v1/channels', {
      type: 'messenger',
      agentId: ws.agentId,
      name: 'Wrong',
      credentials: { pageId: page.id, pageAccessToken: 'EAABwrong', appSecret: APP_SECRET },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('Messenger: Invalid OAuth access token - Cannot parse access token');
  });

  it("answers Meta's subscription check with the challenge only for the right verify token", async () => {
    const ok = await peer.verify(channel.webhookUrl, channel.verifyToken, '1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await peer.verify(channel.webhookUrl, 'not-the-token', '1158201444')).status).toBe(403);
  });
});

describe('answering on Messenger', () => {
  it('answers a text question to the sender, "typing…" first', async () => {
    const ana = person();
    expect((await say(ana, 'What are your opening hours?')).status).toBe(200);
    const [sent] = await eventually(async () => peer.sent(page.id, ana).length > 0 && peer.sent(page.id, ana));
    expect(sent!.authorization).toBe(`Bearer ${page.pageAccessToken}`);
    expect(sent!.body).toMatchObject({ recipient: { id: ana }, messaging_type: 'RESPONSE' });
    expect(sent!.body!.message.text).toContain('We are open 9:00–17:00');
    const typing = peer.calls.findIndex((c) => c.body?.sender_action === 'typing_on' && c.body.recipient.id === ana);
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(peer.calls.indexOf(sent!));
    const list = await ws.owner.json('/api/v1/conversations?channel=messenger');
    const mine = list.body.conversations.filter((c: any) => c.visitorId === `${channel.id}:${ana}`);
    expect(mine).toHaveLength(1);
    expect(mine[0].metadata.visitor).toEqual({ userId: ana });
  });

  it('refuses a bad or missing signature, storing nothing; ignores echoes and other Pages', async () => {
    const ben = person();
    const payload = peer.textMessage('page', page, ben, 'How do I return an item?');
    expect((await peer.deliver(channel.webhookUrl, 'another-app-secret', payload)).status).toBe(401);
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, payload, null)).status).toBe(401);
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, payload, 'sha256=zz')).status).toBe(401);
    // The Page's own message (ours, echoed back) and a message to another Page of the same app.
    expect((await say(ben, 'What are your opening hours?', { echo: true })).status).toBe(200);
    const elsewhere = peer.textMessage('page', peer.addPage('Another Page'), ben, 'What are your opening hours?');
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, elsewhere)).status).toBe(200);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_inbound WHERE thread_key = $1', [ben])).toHaveLength(0);
  });

  it('answers a redelivered message once, and keeps two senders apart', async () => {
    const cleo = person();
    const dan = person();
    await Promise.all([
      say(cleo, 'How do I return an item?', { mid: 'm_REDELIVERED1' }),
      say(cleo, 'How do I return an item?', { mid: 'm_REDELIVERED1' }),
      say(dan, 'What are your opening hours?'),
    ]);
    await say(cleo, 'What are your opening hours?');
    await eventually(async () => peer.sent(page.id, cleo).length >= 2 && peer.sent(page.id, dan).length === 1);
    const texts = peer.sent(page.id, cleo).map((c) => c.body!.message.text as string);
    expect(texts.filter((t) => t.includes('30 days'))).toHaveLength(1);
    expect(peer.sent(page.id, dan)[0]!.body!.message.text).toContain('9:00');
    const threads = await rows(ws.id, 'SELECT conversation_id FROM channel_threads WHERE thread_key = ANY($1)', [
      [cleo, dan],
    ]);
    expect(new Set(threads.map((t) => t.conversation_id)).size).toBe(2);
  });

  it('retries after a rate limit (Graph code 613), then delivers', async () => {
    const eve = person();
    peer.failNext(429, 613, 'Calls to this api have exceeded the rate limit.', 1);
    await say(eve, 'What are your opening hours?');
    await eventually(async () => peer.sent(page.id, eve).length === 1, 20_000);
    const tries = peer.calls.filter((c) => c.body?.message && c.body.recipient.id === eve);
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
  });

  it("delivers a person's long reply as plain text, split at 2,000 characters", async () => {
    const fay = person();
    // Besides the reply, its take-over sends "… joined the conversation.", in either order.
    const toFay = () =>
      peer.sent(page.id, fay).filter((c) => !String(c.body?.message?.text).endsWith('joined the conversation.'));
    await say(fay, 'What are your opening hours?');
    await eventually(async () => toFay().length === 1);
    const [thread] = await rows(ws.id, 'SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [fay]);
    const long = `Hi Fay, **Saturdays** too: see [our hours](https://example.com/hours). ${'All good here. '.repeat(180)}`;
    const reply = await ws.owner.post(`/api/v1/inbox/conversations/${thread!.conversation_id}/messages`, {
      content: long,
    });
    expect(reply.status).toBe(201);
    await eventually(async () => toFay().length === 3);
    const parts = toFay()
      .slice(1)
      .map((c) => c.body!.message.text as string);
    expect(parts[0]).toMatch(/^Hi Fay, Saturdays too: see our hours \(https:\/\/example\.com\/hours\)\./);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(parts.join(' ').match(/All good here\./g)).toHaveLength(180);
  });
});

describe('workspaces apart', () => {
  it("keeps one workspace's Page out of another's reach", async () => {
    expect((await other.owner.json(`/api/v1/channels/${channel.id}`)).status).toBe(404);
    const hal = person();
    const payload = peer.textMessage('page', page, hal, 'What are your opening hours?');
    // Signed with another app's secret, sent to this Page's address: refused.
    expect((await peer.deliver(channel.webhookUrl, 'c'.repeat(32), payload)).status).toBe(401);
    await peer.deliver(channel.webhookUrl, APP_SECRET, payload);
    await eventually(async () => peer.sent(page.id, hal).length === 1);
    expect((await other.owner.json('/api/v1/conversations?channel=messenger')).body.conversations).toEqual([]);
    expect(await rows(other.id, 'SELECT 1 FROM channel_threads')).toHaveLength(0);
    expect(await rows(other.id, 'SELECT 1 FROM channel_inbound')).toHaveLength(0);
  });
});
