import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetaPagesPeer, type MetaPage } from '../../../test/support/channels/meta-pages-peer';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Instagram Direct end to end against a local Graph API: the professional account linked to a
 * Page, signed `instagram` deliveries, answers through the Page's Send API split at 1,000
 * characters.
 */
const peer = await MetaPagesPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', META_GRAPH_API_URL: peer.url });

const APP_SECRET = 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6';
let ws: InboxWorkspace;
let other: InboxWorkspace;
let page: MetaPage;
let channel: { id: string; webhookUrl: string; verifyToken: string };

beforeAll(async () => {
  [ws, other] = await Promise.all([inboxWorkspace(rt.current, 'ig'), inboxWorkspace(rt.current, 'ig-other')]);
  page = peer.addPage('Acme Shop');
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'instagram',
    agentId: ws.agentId,
    name: 'Acme Instagram',
    credentials: {
      pageId: page.id,
      pageAccessToken: page.pageAccessToken,
      appSecret: APP_SECRET,
      verifyToken: 'my-own-verify-token-42',
    },
  });
  expect(created.status).toBe(201);
  channel = created.body.channel;
});
afterAll(() => peer.close());

const rows = (tenantId: string, sql: string, values: unknown[] = []) =>
  withTenant(systemContext(tenantId, 'test'), async (tx) => (await tx.query(sql, values)).rows);

let nextIgsid = 6_200_000_000_000_001;
const person = () => String(nextIgsid++);
const say = (igsid: string, text: string, options?: { mid?: string; echo?: boolean }) =>
  peer.deliver(channel.webhookUrl, APP_SECRET, peer.textMessage('instagram', page, igsid, text, options));

describe('connecting an Instagram account', () => {
  it('keeps the chosen verify token and answers the subscription check with it only', async () => {
    expect(channel.verifyToken).toBe('my-own-verify-token-42');
    expect((await ws.owner.post(`/api/v1/channels/${channel.id}/test`)).body).toEqual({
      ok: true,
      detail: `Connected to Acme Shop (${page.id})`,
    });
    const ok = await peer.verify(channel.webhookUrl, 'my-own-verify-token-42', '987654');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('987654');
    expect((await peer.verify(channel.webhookUrl, 'my-own-verify-token-43', '987654')).status).toBe(403);
  });
});

describe('answering on Instagram', () => {
  it('answers a text question to the sender, without a typing call', async () => {
    const ana = person();
    expect((await say(ana, 'What are your opening hours?')).status).toBe(200);
    const [sent] = await eventually(async () => peer.sent(page.id, ana).length > 0 && peer.sent(page.id, ana));
    expect(sent!.body).toMatchObject({ recipient: { id: ana }, messaging_type: 'RESPONSE' });
    expect(sent!.body!.message.text).toContain('We are open 9:00–17:00');
    expect(peer.calls.filter((c) => c.body?.sender_action && c.body.recipient.id === ana)).toHaveLength(0);
    const list = await ws.owner.json('/api/v1/conversations?channel=instagram');
    expect(list.body.conversations.filter((c: any) => c.visitorId === `${channel.id}:${ana}`)).toHaveLength(1);
  });

  it('refuses a bad or missing signature; ignores echoes and Messenger payloads', async () => {
    const ben = person();
    const payload = peer.textMessage('instagram', page, ben, 'How do I return an item?');
    expect((await peer.deliver(channel.webhookUrl, 'another-app-secret', payload)).status).toBe(401);
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, payload, null)).status).toBe(401);
    expect((await say(ben, 'How do I return an item?', { echo: true })).status).toBe(200);
    const messengerPayload = peer.textMessage('page', page, ben, 'How do I return an item?');
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, messengerPayload)).status).toBe(200);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_inbound WHERE thread_key = $1', [ben])).toHaveLength(0);
  });

  it('answers a redelivered message once, and keeps two senders apart', async () => {
    const cleo = person();
    const dan = person();
    await Promise.all([
      say(cleo, 'How do I return an item?', { mid: 'aWdfZAG1faWQ6REDELIVERED' }),
      say(cleo, 'How do I return an item?', { mid: 'aWdfZAG1faWQ6REDELIVERED' }),
      say(dan, 'What are your opening hours?'),
    ]);
    await say(cleo, 'What are your opening hours?');
    await eventually(async () => peer.sent(page.id, cleo).length >= 2 && peer.sent(page.id, dan).length === 1);
    const texts = peer.sent(page.id, cleo).map((c) => c.body!.message.text as string);
    expect(texts.filter((t) => t.includes('30 days'))).toHaveLength(1);
    expect(peer.sent(page.id, dan)[0]!.body!.message.text).toContain('9:00');
  });

  it('retries after a 429, then delivers', async () => {
    const eve = person();
    peer.failNext(429, 4, 'Application request limit reached', 1);
    await say(eve, 'What are your opening hours?');
    await eventually(async () => peer.sent(page.id, eve).length === 1, 20_000);
    const tries = peer.calls.filter((c) => c.body?.message && c.body.recipient.id === eve);
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
  });

  it("splits a person's long reply at 1,000 characters", async () => {
    const fay = person();
    // Besides the reply, its take-over sends "… joined the conversation.", in either order.
    const toFay = () =>
      peer.sent(page.id, fay).filter((c) => !String(c.body?.message?.text).endsWith('joined the conversation.'));
    await say(fay, 'What are your opening hours?');
    await eventually(async () => toFay().length === 1);
    const [thread] = await rows(ws.id, 'SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [fay]);
    const reply = await ws.owner.post(`/api/v1/inbox/conversations/${thread!.conversation_id}/messages`, {
      content: `**Hi Fay**, ${'All good here. '.repeat(100)}`,
    });
    expect(reply.status).toBe(201);
    await eventually(async () => toFay().length === 3);
    const parts = toFay()
      .slice(1)
      .map((c) => c.body!.message.text as string);
    expect(parts[0]).toMatch(/^Hi Fay, All good here\./);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join(' ').match(/All good here\./g)).toHaveLength(100);
  });
});

describe('workspaces apart', () => {
  it("keeps one workspace's account out of another's reach", async () => {
    expect((await other.owner.json(`/api/v1/channels/${channel.id}`)).status).toBe(404);
    const hal = person();
    const payload = peer.textMessage('instagram', page, hal, 'What are your opening hours?');
    expect((await peer.deliver(channel.webhookUrl, 'd'.repeat(32), payload)).status).toBe(401);
    await peer.deliver(channel.webhookUrl, APP_SECRET, payload);
    await eventually(async () => peer.sent(page.id, hal).length === 1);
    expect((await other.owner.json('/api/v1/conversations?channel=instagram')).body.conversations).toEqual([]);
    expect(await rows(other.id, 'SELECT 1 FROM channel_threads')).toHaveLength(0);
  });
});
