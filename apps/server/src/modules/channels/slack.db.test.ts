import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackPeer, type SlackApp } from '../../../test/support/channels/slack-peer';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Slack end to end against a local Web API speaking Slack's wire format: Events API deliveries
 * signed the v0 way (and the url_verification challenge), answers posted in the message's
 * thread with chat.postMessage, in mrkdwn.
 */
const peer = await SlackPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', SLACK_API_URL: peer.url });

let ws: InboxWorkspace;
let other: InboxWorkspace;
let app: SlackApp;
let channel: { id: string; webhookUrl: string; verifyToken: string | null };

beforeAll(async () => {
  [ws, other] = await Promise.all([inboxWorkspace(rt.current, 'sl'), inboxWorkspace(rt.current, 'sl-other')]);
  app = peer.addApp('Acme');
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'slack',
    agentId: ws.agentId,
    name: 'Acme Slack',
    credentials: { botToken: app.botToken, signingSecret: app.signingSecret },
  });
  expect(created.status).toBe(201);
  channel = created.body.channel;
});
afterAll(() => peer.close());

const rows = (tenantId: string, sql: string, values: unknown[] = []) =>
  withTenant(systemContext(tenantId, 'test'), async (tx) => (await tx.query(sql, values)).rows);

let nextChannel = 1;
const newChannel = () => `C${String(nextChannel++).padStart(8, '0')}`;
const deliver = (payload: unknown, options?: Parameters<SlackPeer['deliver']>[3]) =>
  peer.deliver(channel.webhookUrl, app.signingSecret, payload, options);

describe('connecting a Slack app', () => {
  it('checks the bot token with auth.test, masks the secrets and has no verify token', async () => {
    expect(channel.verifyToken).toBeNull();
    const shown = await ws.owner.json(`/api/v1/channels/${channel.id}`);
    expect(shown.body.channel.credentials).toEqual({
      botToken: `••••${app.botToken.slice(-4)}`,
      signingSecret: `••••${app.signingSecret.slice(-4)}`,
    });
    expect(JSON.stringify(shown.body)).not.toContain(app.signingSecret);
    expect((await ws.owner.post(`/api/v1/channels/${channel.id}/test`)).body).toEqual({
      ok: true,
      detail: 'Connected to @switchboard in Acme',
    });
    const wrong = await ws.owner.post('/api/v1/channels', {
      type: 'slack',
      agentId: ws.agentId,
      name: 'Wrong',
      credentials: { botToken: 'xoxb-0-notaknowntoken', signingSecret: app.signingSecret },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'platform_refused', message: 'Slack: invalid_auth' });
  });

  it("answers Slack's url_verification challenge, only when signed", async () => {
    const check = {
      token: 'deprecated',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7',
      type: 'url_verification',
    };
    const ok = await deliver(check);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { challenge?: string }).challenge).toBe(check.challenge);
    expect((await deliver(check, { signature: null })).status).toBe(401);
  });
});

describe('answering on Slack', () => {
  it('answers a question in its thread, names the sender, and a person’s reply goes out in mrkdwn', async () => {
    const room = newChannel();
    peer.addUser('UANA', 'Ana Lima', 'ana');
    const question = peer.message({ user: 'UANA', channel: room, text: '<@UBOT1> What are your opening hours?' });
    expect((await deliver(question, {})).status).toBe(200);
    const ts = question.event.ts;
    const [answer] = await eventually(
      async () => peer.posted(app.botToken, room, ts).length > 0 && peer.posted(app.botToken, room, ts),
    );
    expect(answer!.body.text).toContain('We are open 9:00–17:00');

    const list = await ws.owner.json('/api/v1/conversations?channel=slack');
    const mine = list.body.conversations.filter((c: any) => c.visitorId === `${channel.id}:${room}:${ts}`);
    expect(mine).toHaveLength(1);
    expect(mine[0].metadata.visitor).toEqual({ userId: 'UANA', name: 'Ana Lima', username: 'ana' });

    const reply = await ws.owner.post(`/api/v1/inbox/conversations/${mine[0].id}/messages`, {
      content: 'Hi, **Saturdays** too (10<14 & more): see [our hours](https://example.com/hours).',
    });
    expect(reply.status).toBe(201);
    // Besides the reply, its take-over sends "… joined the conversation.", in either order.
    const inThread = () =>
      peer.posted(app.botToken, room, ts).filter((c) => !String(c.body.text).endsWith('joined the conversation.'));
    await eventually(async () => inThread().length === 2);
    expect(inThread()[1]!.body.text).toBe(
      'Hi, *Saturdays* too (10&lt;14 &amp; more): see <https://example.com/hours|our hours>.',
    );
  });

  it('answers a direct message in the DM itself, one conversation per DM', async () => {
    const dm = `D${newChannel().slice(1)}`;
    await deliver(
      peer.message({ user: 'UIDA', channel: dm, channel_type: 'im', text: 'What are your opening hours?' }),
    );
    await eventually(async () => peer.posted(app.botToken, dm).length === 1);
    await deliver(peer.message({ user: 'UIDA', channel: dm, channel_type: 'im', text: 'How do I return an item?' }));
    await eventually(async () => peer.posted(app.botToken, dm).length === 2);
    expect(peer.posted(app.botToken, dm).map((c) => c.body.thread_ts)).toEqual([undefined, undefined]);
    // users.info does not know this person (user_not_found): answered all the same, under the id.
    expect(await rows(ws.id, 'SELECT profile FROM channel_threads WHERE thread_key = $1', [dm])).toEqual([
      { profile: { userId: 'UIDA' } },
    ]);
  });

  it('refuses a bad or missing signature and a stale timestamp, storing nothing', async () => {
    const room = newChannel();
    const question = peer.message({ user: 'UBEN', channel: room, text: 'How do I return an item?' });
    expect((await peer.deliver(channel.webhookUrl, 'f'.repeat(32), question)).status).toBe(401);
    expect((await deliver(question, { signature: null })).status).toBe(401);
    expect((await deliver(question, { signature: 'v0=zz' })).status).toBe(401);
    // Genuinely signed, but six minutes old: a replay.
    expect((await deliver(question, { at: Math.floor(Date.now() / 1000) - 360 })).status).toBe(401);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_inbound WHERE thread_key LIKE $1', [`${room}:%`])).toHaveLength(0);
    expect(peer.posted(app.botToken, room)).toHaveLength(0);
  });

  it('never answers bots (itself included) nor edits', async () => {
    const room = newChannel();
    const fromBot = peer.message({ user: 'UBOT1', channel: room, text: 'What are your opening hours?' }, 'message', {
      bot_id: 'B0001',
    });
    const edit = peer.message({ user: 'UEVE', channel: room, text: 'What are your opening hours?' }, 'message', {
      subtype: 'message_changed',
    });
    expect((await deliver(fromBot)).status).toBe(200);
    expect((await deliver(edit)).status).toBe(200);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_inbound WHERE thread_key LIKE $1', [`${room}:%`])).toHaveLength(0);
  });

  it('answers a redelivered event once, and a message and its app_mention once', async () => {
    const room = newChannel();
    const question = peer.message({ user: 'UCLEO', channel: room, text: 'How do I return an item?' });
    const ts = question.event.ts;
    const mention = {
      ...peer.message({ user: 'UCLEO', channel: room, text: '<@UBOT1> How do I return an item?', ts }, 'app_mention'),
    };
    const statuses = await Promise.all([deliver(question), deliver(mention), deliver(question, { retryNum: 1 })]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await deliver(question, { retryNum: 2 })).status).toBe(200);
    // A later question in the same thread: its answer arriving shows the earlier work is done.
    await deliver(peer.message({ user: 'UCLEO', channel: room, text: 'What are your opening hours?', thread_ts: ts }));
    await eventually(async () => peer.posted(app.botToken, room, ts).length >= 2);
    const texts = peer.posted(app.botToken, room, ts).map((c) => c.body.text as string);
    expect(texts.filter((t) => t.includes('30 days'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('9:00'))).toHaveLength(1);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_threads WHERE thread_key = $1', [`${room}:${ts}`])).toHaveLength(1);
  });

  it('keeps two threads of one channel apart', async () => {
    const room = newChannel();
    const dan = peer.message({ user: 'UDAN', channel: room, text: 'What are your opening hours?' });
    const eve = peer.message({ user: 'UEVE', channel: room, text: 'How do I return an item?' });
    await Promise.all([deliver(dan), deliver(eve)]);
    await eventually(
      async () =>
        peer.posted(app.botToken, room, dan.event.ts).length === 1 &&
        peer.posted(app.botToken, room, eve.event.ts).length === 1,
    );
    expect(peer.posted(app.botToken, room, dan.event.ts)[0]!.body.text).toContain('9:00');
    expect(peer.posted(app.botToken, room, eve.event.ts)[0]!.body.text).toContain('30 days');
    const threads = await rows(ws.id, 'SELECT conversation_id FROM channel_threads WHERE thread_key LIKE $1', [
      `${room}:%`,
    ]);
    expect(new Set(threads.map((t) => t.conversation_id)).size).toBe(2);
  });

  it('waits as long as a 429 asks (Retry-After), then posts', async () => {
    const room = newChannel();
    peer.failNext('chat.postMessage', 429, 'ratelimited', 1);
    const fay = peer.message({ user: 'UFAY', channel: room, text: 'What are your opening hours?' });
    await deliver(fay);
    await eventually(async () => peer.posted(app.botToken, room).length === 1, 20_000);
    const tries = peer.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === room);
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
    const out = await eventually(async () => {
      const [row] = await rows(ws.id, 'SELECT status, attempts FROM channel_outbound WHERE thread_key = $1', [
        `${room}:${fay.event.ts}`,
      ]);
      return row?.status === 'sent' && row;
    });
    expect(out).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('workspaces apart', () => {
  it("never lets another workspace's secret open this connection, nor its messages reach it", async () => {
    expect((await other.owner.json(`/api/v1/channels/${channel.id}`)).status).toBe(404);
    const theirApp = peer.addApp('Other');
    const created = await other.owner.post('/api/v1/channels', {
      type: 'slack',
      agentId: other.agentId,
      name: 'Other Slack',
      credentials: { botToken: theirApp.botToken, signingSecret: theirApp.signingSecret },
    });
    expect(created.status).toBe(201);
    const room = newChannel();
    const question = peer.message({ user: 'UHAL', channel: room, text: 'What are your opening hours?' });
    // Signed with B's secret, sent to A's address: refused.
    expect((await peer.deliver(channel.webhookUrl, theirApp.signingSecret, question)).status).toBe(401);
    await deliver(question);
    await eventually(async () => peer.posted(app.botToken, room).length === 1);
    expect(peer.posted(theirApp.botToken)).toHaveLength(0);
    expect((await other.owner.json('/api/v1/conversations?channel=slack')).body.conversations).toEqual([]);
    expect(await rows(other.id, 'SELECT 1 FROM channel_inbound')).toHaveLength(0);
    expect(await rows(other.id, 'SELECT 1 FROM channel_threads')).toHaveLength(0);
  });
});
