import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsappPeer } from '../../../test/support/channels/whatsapp-peer';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * WhatsApp Cloud API end to end against a local Graph API: Meta's subscription check, signed
 * deliveries, answers sent to /{phone-number-id}/messages, and the 24-hour window.
 */
const peer = await WhatsappPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', META_GRAPH_API_URL: peer.url });

const APP_SECRET = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
let ws: InboxWorkspace;
let other: InboxWorkspace;
let number: ReturnType<WhatsappPeer['addNumber']>;
let channel: { id: string; webhookUrl: string; verifyToken: string };

beforeAll(async () => {
  [ws, other] = await Promise.all([inboxWorkspace(rt.current, 'wa'), inboxWorkspace(rt.current, 'wa-other')]);
  number = peer.addNumber('Acme Support');
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'whatsapp',
    agentId: ws.agentId,
    name: 'Acme WhatsApp',
    credentials: { phoneNumberId: number.id, accessToken: number.accessToken, appSecret: APP_SECRET },
  });
  expect(created.status).toBe(201);
  channel = created.body.channel;
});
afterAll(() => peer.close());

const rows = (tenantId: string, sql: string, values: unknown[] = []) =>
  withTenant(systemContext(tenantId, 'test'), async (tx) => (await tx.query(sql, values)).rows);

let nextNumber = 34600000001;
const customer = (name: string) => ({ waId: String(nextNumber++), name });
const say = (from: { waId: string; name: string }, text: string, id?: string) =>
  peer.deliver(channel.webhookUrl, APP_SECRET, peer.textMessage(number.id, from, text, id));

describe('connecting a WhatsApp number', () => {
  it('checks the token with Graph, shows a verify token, and masks the secrets', async () => {
    expect(channel.verifyToken).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const shown = await ws.owner.json(`/api/v1/channels/${channel.id}`);
    expect(shown.body.channel.credentials).toEqual({
      phoneNumberId: number.id,
      accessToken: `••••${number.accessToken.slice(-4)}`,
      appSecret: `••••${APP_SECRET.slice(-4)}`,
    });
    expect(JSON.stringify(shown.body)).not.toContain(number.accessToken);
    expect(JSON.stringify(shown.body)).not.toContain(APP_SECRET);
    expect((await ws.owner.post(`/api/v1/channels/${channel.id}/test`)).body).toEqual({
      ok: true,
      detail: 'Connected to Acme Support (+1 555-0100)',
    });
    const wrong = await ws.owner.post('/api/v1/channels', {
      type: 'whatsapp',
      agentId: ws.agentId,
      name: 'Wrong',
      credentials: { phoneNumberId: number.id, accessToken: 'EAAGwrong', appSecret: APP_SECRET },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('Invalid OAuth access token');
  });

  it("answers Meta's subscription check with the challenge only for the right verify token", async () => {
    const ok = await peer.verify(channel.webhookUrl, channel.verifyToken, '1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await peer.verify(channel.webhookUrl, 'not-the-token', '1158201444')).status).toBe(403);
  });
});

describe('answering on WhatsApp', () => {
  it('answers a text question to the sender, who shows in the inbox by name and number', async () => {
    const ana = customer('Ana Lima');
    expect((await say(ana, 'What are your opening hours?')).status).toBe(200);
    const [sent] = await eventually(
      async () => peer.sent(number.id, ana.waId).length > 0 && peer.sent(number.id, ana.waId),
    );
    expect(sent!.authorization).toBe(`Bearer ${number.accessToken}`);
    expect(sent!.body).toMatchObject({ messaging_product: 'whatsapp', to: ana.waId, type: 'text' });
    expect(sent!.body!.text.body).toContain('We are open 9:00–17:00');
    const list = await ws.owner.json('/api/v1/conversations?channel=whatsapp');
    const mine = list.body.conversations.find((c: any) => c.visitorId === `${channel.id}:${ana.waId}`);
    expect(mine.metadata.visitor).toEqual({ name: 'Ana Lima', phone: `+${ana.waId}` });
  });

  it('refuses a bad or missing signature, storing nothing', async () => {
    const ben = customer('Ben');
    const payload = peer.textMessage(number.id, ben, 'How do I return an item?');
    expect((await peer.deliver(channel.webhookUrl, 'another-app-secret', payload)).status).toBe(401);
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, payload, null)).status).toBe(401);
    expect((await peer.deliver(channel.webhookUrl, APP_SECRET, payload, 'sha256=zz')).status).toBe(401);
    expect(await rows(ws.id, 'SELECT 1 FROM channel_inbound WHERE thread_key = $1', [ben.waId])).toHaveLength(0);
  });

  it('answers a redelivered message once, and keeps two senders apart', async () => {
    const cleo = customer('Cleo');
    const dan = customer('Dan');
    await Promise.all([
      say(cleo, 'How do I return an item?', 'wamid.REDELIVERED1'),
      say(cleo, 'How do I return an item?', 'wamid.REDELIVERED1'),
      say(dan, 'What are your opening hours?'),
    ]);
    await say(cleo, 'What are your opening hours?');
    await eventually(
      async () => peer.sent(number.id, cleo.waId).length >= 2 && peer.sent(number.id, dan.waId).length === 1,
    );
    const texts = peer.sent(number.id, cleo.waId).map((c) => c.body!.text.body as string);
    expect(texts.filter((t) => t.includes('30 days'))).toHaveLength(1);
    expect(peer.sent(number.id, dan.waId)[0]!.body!.text.body).toContain('9:00');
  });

  it('retries after a rate limit (Retry-After), then delivers', async () => {
    const eve = customer('Eve');
    peer.failNext(429, 130429, 'Rate limit hit', 1);
    await say(eve, 'What are your opening hours?');
    await eventually(async () => peer.sent(number.id, eve.waId).length === 1, 20_000);
    const tries = peer.calls.filter((c) => c.path.endsWith('/messages') && c.body?.to === eve.waId);
    expect(tries.map((c) => c.status)).toEqual([429, 200]);
  });

  it("delivers a person's reply with WhatsApp bold, and refuses one after the 24-hour window", async () => {
    const fay = customer('Fay');
    // Without the "… joined the conversation." notice the reply's take-over sends.
    const toFay = () =>
      peer.sent(number.id, fay.waId).filter((c) => !c.body?.text?.body?.endsWith('joined the conversation.'));
    await say(fay, 'What are your opening hours?');
    await eventually(async () => toFay().length === 1);
    const [thread] = await rows(ws.id, 'SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [fay.waId]);
    const conversationId = thread!.conversation_id as string;
    const reply = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/messages`, {
      content: 'Hi Fay, **Saturdays** too: see [our hours](https://example.com/hours).',
    });
    expect(reply.status).toBe(201);
    await eventually(async () => toFay().length === 2);
    expect(toFay()[1]!.body!.text.body).toBe('Hi Fay, *Saturdays* too: see our hours (https://example.com/hours).');

    await rows(
      ws.id,
      `UPDATE channel_threads SET last_inbound_at = now() - interval '25 hours' WHERE thread_key = $1`,
      [fay.waId],
    );
    const late = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/messages`, {
      content: 'Still there?',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('whatsapp_window_closed');
    expect(late.body.error.message).toContain('template');
    expect(toFay()).toHaveLength(2);
    // The customer writing again opens the window again (a person owns the conversation: no bot answer).
    await say(fay, 'Hello again');
    await eventually(async () => {
      const again = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/messages`, { content: 'Back!' });
      return again.status === 201;
    });
    await eventually(async () => toFay().length === 3);
    expect(toFay()[2]!.body!.text.body).toBe('Back!');
  });

  it("keeps one workspace's number out of another's reach", async () => {
    expect((await other.owner.json(`/api/v1/channels/${channel.id}`)).status).toBe(404);
    const hal = customer('Hal');
    await say(hal, 'What are your opening hours?');
    await eventually(async () => peer.sent(number.id, hal.waId).length === 1);
    expect((await other.owner.json('/api/v1/conversations?channel=whatsapp')).body.conversations).toEqual([]);
    expect(await rows(other.id, 'SELECT 1 FROM channel_threads')).toHaveLength(0);
  });
});
