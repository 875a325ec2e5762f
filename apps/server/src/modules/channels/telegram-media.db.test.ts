import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramPeer } from '../../../test/support/channels/telegram-peer';
import { pngBytes } from '../../../test/support/fixtures/samples';
import { eventually, inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Files on Telegram: a photo, a voice note or a document a customer sends is fetched with
 * getFile and the file download, kept as an attachment of the conversation through the
 * widget's checks (the type read from the bytes, the size), and shown in the inbox; the
 * caption is the text. A file the checks refuse is named, not stored.
 */
const peer = await TelegramPeer.start();
const rt = useTestRuntime({
  RATE_LIMIT_PER_MINUTE: '100000',
  TELEGRAM_API_URL: peer.url,
  WIDGET_MAX_ATTACHMENT_BYTES: String(64 * 1024),
});

let ws: InboxWorkspace;
let token: string;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'tg-media');
  token = peer.addBot('media_bot');
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

async function customerMessage(chatId: number): Promise<{ conversationId: string; content: string }> {
  const [row] = await eventually(async () => {
    const found = await rows(
      `SELECT m.conversation_id, m.content FROM messages m JOIN channel_threads t ON t.conversation_id = m.conversation_id
        WHERE t.thread_key = $1 AND m.role = 'user' ORDER BY m.created_at DESC LIMIT 1`,
      [String(chatId)],
    );
    return found.length > 0 && found;
  });
  return { conversationId: String(row!.conversation_id), content: String(row!.content) };
}

describe('files from Telegram', () => {
  it('keeps a photo as an image attachment the inbox can open, with the caption as text', async () => {
    const png = pngBytes();
    const fileId = peer.addFile(png, 'photos/file_1.jpg');
    const jo = { id: 8101, first_name: 'Jo' };
    expect(
      (await peer.deliver(token, peer.mediaUpdate(jo, { photo: fileId }, 'Is this item returnable?'))).status,
    ).toBe(200);
    await eventually(async () => peer.sent(token, jo.id).length === 1);
    const { conversationId, content } = await customerMessage(jo.id);
    const match = /^Is this item returnable\?\n\n\[📎 photo\.jpg\]\(attachment:(fil_[0-9a-z]{26})\)$/.exec(content);
    expect(match).not.toBeNull();
    const [stored] = await rows(
      'SELECT kind, media_type, size, conversation_id FROM widget_attachments WHERE id = $1',
      [match![1]],
    );
    expect(stored).toEqual({
      kind: 'image',
      media_type: 'image/png',
      size: png.length,
      conversation_id: conversationId,
    });
    const opened = await ws.owner.fetch(`/api/v1/conversations/${conversationId}/attachments/${match![1]}`);
    expect(opened.status).toBe(200);
    expect(Buffer.from(await opened.arrayBuffer()).equals(png)).toBe(true);
    expect(peer.calls.filter((c) => c.method === 'getFile' && c.body.file_id === fileId)).toHaveLength(1);
  });

  it('keeps a voice note as audio', async () => {
    const ogg = Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.alloc(200, 7)]);
    const fileId = peer.addFile(ogg, 'voice/file_2.oga');
    const kim = { id: 8102, first_name: 'Kim' };
    await peer.deliver(token, peer.mediaUpdate(kim, { voice: fileId }));
    const { content } = await customerMessage(kim.id);
    const id = /\(attachment:(fil_[0-9a-z]{26})\)$/.exec(content)![1];
    expect(await rows('SELECT kind, media_type, name FROM widget_attachments WHERE id = $1', [id])).toEqual([
      { kind: 'file', media_type: 'audio/ogg', name: 'voice-note.ogg' },
    ]);
  });

  it('names a file the checks refuse (a web page, one too large) instead of storing it, and still answers', async () => {
    const html = peer.addFile(Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'documents/a.html');
    const lou = { id: 8103, first_name: 'Lou' };
    await peer.deliver(
      token,
      peer.mediaUpdate(
        lou,
        { document: html, file_name: 'invoice.html', mime_type: 'text/html' },
        'What are your opening hours?',
      ),
    );
    await eventually(async () => peer.sent(token, lou.id).length === 1);
    const { conversationId, content } = await customerMessage(lou.id);
    expect(content).toMatch(
      /^What are your opening hours\?\n\n\(The customer sent a file that could not be kept: .*web page/,
    );
    expect(peer.sent(token, lou.id)).toHaveLength(1);

    const big = peer.addFile(Buffer.concat([pngBytes(), Buffer.alloc(70 * 1024)]), 'photos/big.jpg');
    await peer.deliver(token, peer.mediaUpdate(lou, { photo: big }));
    await eventually(async () => (await customerMessage(lou.id)).content.includes('larger than'));
    expect(await rows('SELECT 1 FROM widget_attachments WHERE conversation_id = $1', [conversationId])).toHaveLength(0);
  });
});
