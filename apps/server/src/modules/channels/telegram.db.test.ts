import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramPeer } from '../../../test/support/channels/telegram-peer';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Telegram end to end against a local Bot API speaking Telegram's wire format: connecting sets
 * the webhook with a secret token, updates come in through it, and answers go out with
 * sendMessage, escaped for MarkdownV2.
 */
const peer = await TelegramPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', TELEGRAM_API_URL: peer.url });

let ws: InboxWorkspace;
let other: InboxWorkspace;
let token: string;
let channelId: string;

beforeAll(async () => {
  [ws, other] = await Promise.all([inboxWorkspace(rt.current, 'tg'), inboxWorkspace(rt.current, 'tg-other')]);
  token = peer.addBot('switchboard_help_bot');
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'telegram',
    agentId: ws.agentId,
    name: 'Support bot',
    credentials: { botToken: token },
  });
  expect(created.status).toBe(201);
  channelId = created.body.channel.id;
});
afterAll(() => peer.close());

const rows = (tenantId: string, sql: string, values: unknown[] = []) =>
  withTenant(systemContext(tenantId, 'test'), async (tx) => (await tx.query(sql, values)).rows);

let nextUser = 1000;
const user = (name: string) => ({ id: nextUser++, first_name: name, username: name.toLowerCase() });

describe('connecting a Telegram bot', () => {
  it('checks the token, sets the webhook with a secret token, and never shows or stores the token', async () => {
    const hook = peer.webhookOf(token)!;
    expect(hook.url).toMatch(
      new RegExp(
        `^http://(127\\.0\\.0\\.1|localhost):${new URL(rt.current.url).port}/api/channels/${channelId}/webhook$`,
      ),
    );
    expect(hook.secretToken).toMatch(/^[A-Za-z0-9_-]{16,256}$/);
    const shown = await ws.owner.json(`/api/v1/channels/${channelId}`);
    expect(shown.body.channel).toMatchObject({ type: 'telegram', name: 'Support bot', webhookUrl: hook.url });
    expect(JSON.stringify(shown.body)).not.toContain(token.slice(12));
    expect(JSON.stringify(shown.body)).not.toContain(hook.secretToken);
    const [stored] = await rows(ws.id, 'SELECT credentials_enc FROM channel_connections WHERE id = $1', [channelId]);
    expect(stored!.credentials_enc).not.toContain(token.slice(12));
    expect((await ws.owner.post(`/api/v1/channels/${channelId}/test`)).body).toEqual({
      ok: true,
      detail: 'Connected to @switchboard_help_bot',
    });
  });

  it('refuses a token Telegram does not know, with a 400 in its words', async () => {
    const res = await ws.owner.post('/api/v1/channels', {
      type: 'telegram',
      agentId: ws.agentId,
      name: 'Wrong',
      credentials: { botToken: '123456:AAHnotaknownbotatallxxxxxxxxxxxx' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'platform_refused', message: 'Telegram: Unauthorized' });
  });
});

describe('answering on Telegram', () => {
  it('answers a text question in the chat, with "typing" first and MarkdownV2 escaping', async () => {
    const ana = user('Ana');
    const res = await peer.deliver(token, peer.update(ana, 'What are your opening hours?'));
    expect(res.status).toBe(200);
    const [answer] = await eventually(async () => peer.sent(token, ana.id).length > 0 && peer.sent(token, ana.id));
    expect(answer!.body).toMatchObject({ chat_id: String(ana.id), parse_mode: 'MarkdownV2' });
    expect(answer!.body.text).toContain('We are open 9:00–17:00, Monday to Friday\\.');
    const typing = peer.calls.findIndex((c) => c.method === 'sendChatAction' && c.body.chat_id === String(ana.id));
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(peer.calls.indexOf(answer!));

    const list = await ws.owner.json('/api/v1/conversations?channel=telegram');
    const mine = list.body.conversations.filter((c: any) => c.visitorId === `${channelId}:${ana.id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0].metadata.visitor).toEqual({ name: 'Ana', username: 'ana' });
    const health = (await ws.owner.json(`/api/v1/channels/${channelId}`)).body.channel;
    expect(health.lastInboundAt).not.toBeNull();
    await eventually(async () => (await ws.owner.json(`/api/v1/channels/${channelId}`)).body.channel.lastOutboundAt);
  });

  it('refuses an update with a wrong or missing secret token, storing nothing', async () => {
    const ben = user('Ben');
    const update = peer.update(ben, 'How do I return an item?');
    expect((await peer.deliver(token, update, 'not-the-secret')).status).toBe(401);
    expect((await peer.deliver(token, update, null)).status).toBe(401);
    const stored = await rows(ws.id, 'SELECT 1 FROM channel_inbound WHERE external_id = $1', [
      String(update.update_id),
    ]);
    expect(stored).toHaveLength(0);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_threads WHERE thread_key = $1', [String(ben.id)])).toHaveLength(0);
  });

  it('answers a redelivered update once', async () => {
    const cleo = user('Cleo');
    const update = peer.update(cleo, 'How do I return an item?');
    const [first, second] = await Promise.all([peer.deliver(token, update), peer.deliver(token, update)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await peer.deliver(token, update)).status).toBe(200);
    // A later message's answer arriving shows the earlier work is done.
    await peer.deliver(token, peer.update(cleo, 'What are your opening hours?'));
    await eventually(async () => peer.sent(token, cleo.id).length >= 2);
    const texts = peer.sent(token, cleo.id).map((c) => c.body.text as string);
    expect(texts.filter((t) => t.includes('30 days'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('9:00'))).toHaveLength(1);
  });

  it('keeps two senders writing at once apart', async () => {
    const dan = user('Dan');
    const eve = user('Eve');
    await Promise.all([
      peer.deliver(token, peer.update(dan, 'What are your opening hours?')),
      peer.deliver(token, peer.update(eve, 'How do I return an item?')),
    ]);
    await eventually(async () => peer.sent(token, dan.id).length === 1 && peer.sent(token, eve.id).length === 1);
    expect(peer.sent(token, dan.id)[0]!.body.text).toContain('9:00');
    expect(peer.sent(token, eve.id)[0]!.body.text).toContain('30 days');
    const threads = await rows(
      ws.id,
      'SELECT thread_key, conversation_id FROM channel_threads WHERE thread_key = ANY($1)',
      [[String(dan.id), String(eve.id)]],
    );
    expect(new Set(threads.map((t) => t.conversation_id)).size).toBe(2);
  });

  it('waits as long as a 429 asks (retry_after), then delivers', async () => {
    const fay = user('Fay');
    peer.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', 1);
    await peer.deliver(token, peer.update(fay, 'What are your opening hours?'));
    await eventually(async () => peer.sent(token, fay.id).length === 1, 20_000);
    // The queue row is marked sent just after the platform accepted the message.
    const out = await eventually(async () => {
      const [row] = await rows(ws.id, 'SELECT status, attempts FROM channel_outbound WHERE thread_key = $1', [
        String(fay.id),
      ]);
      return row?.status === 'sent' && row;
    });
    expect(out).toMatchObject({ status: 'sent', attempts: 2 });
    const attempts = peer.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === String(fay.id));
    expect(attempts).toHaveLength(2);
  });

  it("delivers a person's reply from the inbox to the chat", async () => {
    const gus = user('Gus');
    await peer.deliver(token, peer.update(gus, 'What are your opening hours?'));
    await eventually(async () => peer.sent(token, gus.id).length === 1);
    const [thread] = await rows(ws.id, 'SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [
      String(gus.id),
    ]);
    const reply = await ws.owner.post(`/api/v1/inbox/conversations/${thread!.conversation_id}/messages`, {
      content: 'Hi Gus, this is **Ana**. We also open on Saturdays (10-14)!',
    });
    expect(reply.status).toBe(201);
    // Besides the reply, its take-over sends "… joined the conversation.", in either order.
    const replies = () =>
      peer.sent(token, gus.id).filter((c) => !String(c.body.text).endsWith('joined the conversation\\.'));
    await eventually(async () => replies().length === 2);
    expect(replies()[1]!.body.text).toBe('Hi Gus, this is *Ana*\\. We also open on Saturdays \\(10\\-14\\)\\!');
  });
});

describe('workspaces apart', () => {
  it('never lets another workspace see, change or use a connection, and its updates stay in their workspace', async () => {
    expect((await other.owner.json(`/api/v1/channels/${channelId}`)).status).toBe(404);
    expect(
      (await other.owner.json(`/api/v1/channels/${channelId}`, { method: 'PATCH', json: { name: 'Mine now' } })).status,
    ).toBe(404);
    expect((await other.owner.post(`/api/v1/channels/${channelId}/test`)).status).toBe(404);
    expect((await other.owner.json(`/api/v1/channels/${channelId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await other.owner.json('/api/v1/channels')).body.channels).toEqual([]);

    // The other workspace's own bot: its secret does not open this connection.
    const otherToken = peer.addBot('other_bot');
    const created = await other.owner.post('/api/v1/channels', {
      type: 'telegram',
      agentId: other.agentId,
      name: 'Other',
      credentials: { botToken: otherToken },
    });
    expect(created.status).toBe(201);
    const hal = user('Hal');
    const res = await fetch(peer.webhookOf(token)!.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': peer.webhookOf(otherToken)!.secretToken,
      },
      body: JSON.stringify(peer.update(hal, 'What are your opening hours?')),
    });
    expect(res.status).toBe(401);

    await peer.deliver(token, peer.update(hal, 'What are your opening hours?'));
    await eventually(async () => peer.sent(token, hal.id).length === 1);
    expect(peer.sent(otherToken)).toHaveLength(0);
    const theirs = await other.owner.json('/api/v1/conversations?channel=telegram');
    expect(theirs.body.conversations).toEqual([]);
    expect(await rows(other.id, 'SELECT 1 FROM channel_inbound')).toHaveLength(0);
  });
});
