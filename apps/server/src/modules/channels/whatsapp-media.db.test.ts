import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsappPeer } from '../../../test/support/channels/whatsapp-peer';
import { pngBytes } from '../../../test/support/fixtures/samples';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * WhatsApp beyond text, against a local Graph API: media in (media id → URL → bytes, with the
 * token), delivery statuses on the messages sent, and approved templates once the 24-hour
 * window has closed.
 */
const peer = await WhatsappPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', META_GRAPH_API_URL: peer.url });

const APP_SECRET = 'f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6';
const WABA = '104000000000777';
let ws: InboxWorkspace;
let number: ReturnType<WhatsappPeer['addNumber']>;
let channel: { id: string; webhookUrl: string };

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'wa-media');
  number = peer.addNumber('Acme Media');
  peer.templates.set(WABA, [
    {
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Your order' },
        { type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.' },
      ],
    },
    {
      name: 'draft_promo',
      language: 'en_US',
      status: 'PENDING',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Sale!' }],
    },
  ]);
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'whatsapp',
    agentId: ws.agentId,
    name: 'Acme WhatsApp',
    credentials: {
      phoneNumberId: number.id,
      accessToken: number.accessToken,
      appSecret: APP_SECRET,
      businessAccountId: WABA,
    },
  });
  expect(created.status).toBe(201);
  channel = created.body.channel;
});
afterAll(() => peer.close());

const rows = (sql: string, values: unknown[] = []) =>
  withTenant(systemContext(ws.id, 'test'), async (tx) => (await tx.query(sql, values)).rows);
let nextNumber = 34611000001;
const customer = (name: string) => ({ waId: String(nextNumber++), name });
const post = (payload: unknown) => peer.deliver(channel.webhookUrl, APP_SECRET, payload);
const threadOf = async (waId: string) =>
  String((await rows('SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [waId]))[0]!.conversation_id);

describe('WhatsApp media in', () => {
  it('fetches an image by its media id with the token and keeps it as an attachment, the caption as text', async () => {
    const png = pngBytes();
    const ana = customer('Ana');
    const mediaId = peer.addMedia(png, 'image/jpeg');
    expect(
      (await post(peer.mediaMessage(number.id, ana, { type: 'image', id: mediaId, caption: 'Broken on arrival' })))
        .status,
    ).toBe(200);
    await eventually(async () => peer.sent(number.id, ana.waId).length === 1);
    const conversationId = await threadOf(ana.waId);
    const [message] = await rows(`SELECT content FROM messages WHERE conversation_id = $1 AND role = 'user'`, [
      conversationId,
    ]);
    const id = /^Broken on arrival\n\n\[📎 image\.jpg\]\(attachment:(fil_[0-9a-z]{26})\)$/.exec(
      String(message!.content),
    )![1];
    expect(await rows('SELECT media_type, size FROM widget_attachments WHERE id = $1', [id])).toEqual([
      { media_type: 'image/png', size: png.length },
    ]);
    const downloads = peer.calls.filter((c) => c.path === `/download/${mediaId}`);
    expect(downloads.map((c) => c.authorization)).toEqual([`Bearer ${number.accessToken}`]);
  });
});

describe('delivery statuses', () => {
  it('records sent, delivered and read on the message, never going back, and a failure on the message and health', async () => {
    const ben = customer('Ben');
    await post(peer.textMessage(number.id, ben, 'What are your opening hours?'));
    await eventually(async () => peer.sent(number.id, ben.waId).length === 1);
    const [out] = await eventually(async () => {
      const found = await rows(
        `SELECT platform_message_id FROM channel_outbound WHERE thread_key = $1 AND status = 'sent'`,
        [ben.waId],
      );
      return found.length > 0 && found;
    });
    const wamid = String(out!.platform_message_id);
    expect(wamid).toMatch(/^wamid\.OUT\d+$/);
    for (const status of ['sent', 'delivered', 'read', 'delivered'] as const)
      expect((await post(peer.statusUpdate(number.id, [{ id: wamid, status, to: ben.waId }]))).status).toBe(200);
    expect(await rows('SELECT delivery, status FROM channel_outbound WHERE platform_message_id = $1', [wamid])).toEqual(
      [{ delivery: 'read', status: 'sent' }],
    );
    const detail = await ws.owner.json(`/api/v1/inbox/conversations/${await threadOf(ben.waId)}/delivery`);
    expect(detail.status).toBe(200);
    expect(Object.values(detail.body.delivery)).toEqual([{ status: 'sent', delivery: 'read', error: null }]);

    const cleo = customer('Cleo');
    await post(peer.textMessage(number.id, cleo, 'How do I return an item?'));
    const [failed] = await eventually(async () => {
      const found = await rows(
        `SELECT platform_message_id FROM channel_outbound WHERE thread_key = $1 AND status = 'sent'`,
        [cleo.waId],
      );
      return found.length > 0 && found;
    });
    await post(
      peer.statusUpdate(number.id, [
        {
          id: String(failed!.platform_message_id),
          status: 'failed',
          to: cleo.waId,
          error: { code: 131026, title: 'Message undeliverable', details: 'The recipient is not on WhatsApp' },
        },
      ]),
    );
    const [row] = await rows('SELECT status, delivery, error FROM channel_outbound WHERE platform_message_id = $1', [
      failed!.platform_message_id,
    ]);
    expect(row).toEqual({
      status: 'failed',
      delivery: 'failed',
      error: 'WhatsApp: The recipient is not on WhatsApp (131026)',
    });
    const health = (await ws.owner.json(`/api/v1/channels/${channel.id}`)).body.channel;
    expect(health.lastError).toBe('WhatsApp: The recipient is not on WhatsApp (131026)');
  });
});

describe('templates after the 24-hour window', () => {
  it('refuses free text, lists the approved templates, and sends one with its variables filled', async () => {
    const dan = customer('Dan');
    await post(peer.textMessage(number.id, dan, 'What are your opening hours?'));
    await eventually(async () => peer.sent(number.id, dan.waId).length === 1);
    const conversationId = await threadOf(dan.waId);
    const open = await ws.owner.json(`/api/v1/inbox/conversations/${conversationId}/templates`);
    expect(open.body.windowOpen).toBe(true);

    // The controlled clock: the customer last wrote 25 hours ago.
    await rows(`UPDATE channel_threads SET last_inbound_at = now() - interval '25 hours' WHERE thread_key = $1`, [
      dan.waId,
    ]);
    const late = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/messages`, {
      content: 'Still there?',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('whatsapp_window_closed');

    const listed = await ws.owner.json(`/api/v1/inbox/conversations/${conversationId}/templates`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ windowOpen: false });
    expect(listed.body.templates).toEqual([
      {
        name: 'order_update',
        language: 'en_US',
        category: 'UTILITY',
        body: 'Hi {{1}}, your order {{2}} has shipped.',
        parameterCount: 2,
      },
    ]);

    const missing = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/template`, {
      name: 'order_update',
      language: 'en_US',
      parameters: ['Dan'],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('template_parameters');
    const unknown = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/template`, {
      name: 'draft_promo',
      language: 'en_US',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_template');

    const sent = await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/template`, {
      name: 'order_update',
      language: 'en_US',
      parameters: ['Dan', '#4521'],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ role: 'human', content: 'Hi Dan, your order #4521 has shipped.' });
    await eventually(async () => peer.sent(number.id, dan.waId).length === 2);
    expect(peer.sent(number.id, dan.waId)[1]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: dan.waId,
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Dan' },
              { type: 'text', text: '#4521' },
            ],
          },
        ],
      },
    });
  });
});
