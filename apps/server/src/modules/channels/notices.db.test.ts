import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramPeer } from '../../../test/support/channels/telegram-peer';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withPlatform, withTenant } from '../../platform/tenancy';

/**
 * What the widget shows as status lines reaches a Telegram chat as plain messages: the
 * hand-off notice, "a person joined", the closing with its rating prompt; the customer's
 * "4" answers the prompt (a rating, thanked) instead of opening a new conversation.
 */
const peer = await TelegramPeer.start();
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000', TELEGRAM_API_URL: peer.url });

let ws: InboxWorkspace;
let token: string;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'tg-notices');
  token = peer.addBot('notices_bot');
  const created = await ws.owner.post('/api/v1/channels', {
    type: 'telegram',
    agentId: ws.agentId,
    name: 'Support bot',
    credentials: { botToken: token },
  });
  expect(created.status).toBe(201);
});
afterAll(() => peer.close());

const rows = (sql: string, values: unknown[] = []) =>
  withTenant(systemContext(ws.id, 'test'), async (tx) => (await tx.query(sql, values)).rows);
const texts = (chatId: number) => peer.sent(token, chatId).map((c) => c.body.text as string);

describe('status notices on a channel', () => {
  it('sends the hand-off notice, who joined, the closing and rating prompt; a "4" is the rating', async () => {
    const ivy = { id: 7001, first_name: 'Ivy', username: 'ivy' };
    await peer.deliver(token, peer.update(ivy, 'What are your opening hours?'));
    await eventually(async () => texts(ivy.id).length === 1);
    const [thread] = await rows('SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [String(ivy.id)]);
    const conversationId = thread!.conversation_id as string;

    expect(
      (await ws.api.post(`/api/v1/conversations/${conversationId}/handoff`, { reason: 'Wants a person' })).status,
    ).toBe(200);
    await eventually(async () => texts(ivy.id).length === 2);

    const [owner] = await withPlatform(
      async (tx) => (await tx.query('SELECT name FROM users WHERE id = $1', [ws.ownerId])).rows,
    );
    expect((await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/takeover`)).status).toBe(200);
    await eventually(async () => texts(ivy.id).some((t) => t.includes('joined the conversation')));
    const escapedName = String(owner!.name).replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&');
    expect(texts(ivy.id)).toContain(`${escapedName} joined the conversation\\.`);

    expect((await ws.owner.post(`/api/v1/inbox/conversations/${conversationId}/close`)).status).toBe(200);
    await eventually(async () => texts(ivy.id).some((t) => t.startsWith('This conversation is closed')));
    expect(texts(ivy.id).at(-1)).toBe(
      'This conversation is closed\\. How would you rate this conversation? Reply with a number from 1 \\(poor\\) to 5 \\(great\\)\\.',
    );

    await peer.deliver(token, peer.update(ivy, '4'));
    await eventually(async () => texts(ivy.id).some((t) => t.startsWith('Thank you for your rating')));
    expect(await rows('SELECT rating FROM conversation_ratings WHERE conversation_id = $1', [conversationId])).toEqual([
      { rating: 4 },
    ]);
    const threads = await rows('SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [String(ivy.id)]);
    expect(threads).toEqual([{ conversation_id: conversationId }]);
    // Each notice went out once.
    expect(texts(ivy.id).filter((t) => t.includes('joined the conversation'))).toHaveLength(1);
    expect(texts(ivy.id).filter((t) => t.startsWith('This conversation is closed'))).toHaveLength(1);

    // A number after the rating is a new question, in a new conversation.
    await peer.deliver(token, peer.update(ivy, 'What are your opening hours?'));
    await eventually(async () => texts(ivy.id).filter((t) => t.includes('9:00')).length === 2);
    const [next] = await rows('SELECT conversation_id FROM channel_threads WHERE thread_key = $1', [String(ivy.id)]);
    expect(next!.conversation_id).not.toBe(conversationId);
  });
});
