import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/** Per-visitor and per-address rate limits, and attachments within the widget's limits. */
const rt = useTestRuntime({
  WIDGET_RATE_LIMIT_PER_MINUTE: '5',
  WIDGET_IP_RATE_LIMIT_PER_MINUTE: '60',
  WIDGET_MAX_ATTACHMENT_BYTES: '200000',
});
let ws: TestWorkspace;
let agentId: string;
let key: string;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'wlimits');
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Limits agent' })).body.agent.id;
  ({ publicKey: key } = await widgetFor(ws, agentId));
});

function upload(v: VisitorClient, bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return v.call(v.conversationPath('/attachments'), { method: 'POST', body: form });
}

/** Announces a body past the hard cap and sends only its start: the body limit answers from Content-Length. */
function announceHuge(v: VisitorClient, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = {
      origin: v.origin,
      authorization: `Bearer ${v.token}`,
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': bytes,
    };
    const request = http.request(
      `${rt.current.url}${v.base()}${v.conversationPath('/attachments')}`,
      { method: 'POST', agent: false, headers },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
      },
    );
    request.on('error', reject);
    request.write(Buffer.alloc(16 * 1024, 0x61));
  });
}

async function policy(attachments: Record<string, unknown>) {
  const res = await ws.owner.json(`/api/v1/widgets/${agentId}`, { method: 'PATCH', json: { attachments } });
  expect(res.status).toBe(200);
}

describe('attachments', () => {
  it('takes an image and a document, typed by their bytes, and serves them back inert to their conversation only', async () => {
    const v = new VisitorClient(rt.current, key, '');
    v.origin = 'https://shop.example.test';
    await v.session();
    const image = await upload(v, PNG, 'invoice.pdf', 'application/pdf');
    expect(image.status).toBe(201);
    expect(image.body.attachment).toMatchObject({
      kind: 'image',
      mediaType: 'image/png',
      name: 'invoice.pdf',
      size: PNG.length,
    });
    const doc = await upload(v, Buffer.from('Order 1234: two chairs, one table.\n'), '../../etc/order.txt');
    expect(doc.body.attachment).toMatchObject({
      kind: 'file',
      mediaType: 'text/plain; charset=utf-8',
      name: '.._.._etc_order.txt',
    });

    const served = await v.raw(v.conversationPath(`/attachments/${image.body.attachment.id}`));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const file = await v.raw(v.conversationPath(`/attachments/${doc.body.attachment.id}`));
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);

    const member = await ws.api.fetch(
      `/api/v1/conversations/${v.conversationId}/attachments/${image.body.attachment.id}`,
    );
    expect(member.status).toBe(200);
    expect(Buffer.from(await member.arrayBuffer()).equals(PNG)).toBe(true);

    const other = new VisitorClient(rt.current, key);
    await other.session();
    expect((await other.call(other.conversationPath(`/attachments/${image.body.attachment.id}`))).status).toBe(404);
    const stored = await withPlatform((tx) =>
      tx.query('SELECT storage_key FROM widget_attachments WHERE tenant_id = $1 AND id = $2', [
        ws.id,
        image.body.attachment.id,
      ]),
    );
    expect(stored.rows[0]?.storage_key).toMatch(new RegExp(`^${ws.id}/${v.conversationId}/[0-9a-f]{32}$`));
  });

  it('refuses what could run in a browser, what is too large and what the widget does not take', async () => {
    // A visitor per upload: each visitor's own rate limit is small in this file.
    const send = async (bytes: Uint8Array, name: string) => {
      const v = new VisitorClient(rt.current, key);
      await v.session();
      return upload(v, bytes, name);
    };
    const v = { call: (path: string) => new VisitorClient(rt.current, key).call(path) };
    const refused = async (bytes: Uint8Array, name: string) => (await send(bytes, name)).body.error?.code;
    expect(await refused(Buffer.from('<!doctype html><script>alert(1)</script>'), 'photo.png')).toBe(
      'unsupported_file_type',
    );
    expect(
      await refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), 'logo.png'),
    ).toBe('unsupported_file_type');
    expect(await refused(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]), 'cat.jpg')).toBe(
      'unsupported_file_type',
    );
    expect(await refused(new Uint8Array(), 'empty.txt')).toBe('unreadable_file');

    await policy({ maxBytes: 2048 });
    const big = await send(Buffer.concat([PNG, Buffer.alloc(4000, 1)]), 'big.png');
    expect(big.status).toBe(413);
    expect(big.body.error.message).toContain('larger than this chat allows');
    await policy({ maxBytes: 10 * 1024 * 1024 });
    expect((await v.call('/config')).body.widget.attachments.maxBytes).toBe(200000);
    expect((await send(Buffer.concat([PNG, Buffer.alloc(220_000, 1)]), 'capped.png')).status).toBe(413);
    const huge = new VisitorClient(rt.current, key);
    await huge.session();
    expect(await announceHuge(huge, 400_000)).toBe(413);

    await policy({ images: false });
    expect((await send(PNG, 'dot.png')).body.error.message).toBe('This chat does not take images.');
    await policy({ enabled: false });
    expect((await send(PNG, 'dot.png')).body.error.code).toBe('attachments_disabled');
    expect((await v.call('/config')).body.widget.attachments).toBeNull();
    await policy({});
  });
});

describe('rate limits', () => {
  it('counts each visitor, then each address, and says when to come back', async () => {
    const first = new VisitorClient(rt.current, key);
    await first.session();
    for (let i = 0; i < 5; i++) expect((await first.post('/typing', { typing: i % 2 === 0 })).status).toBe(200);
    const limited = await first.post('/typing', { typing: false });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const second = new VisitorClient(rt.current, key);
    await second.session();
    expect((await second.post('/typing', { typing: true })).status).toBe(200);
    // Every call from this address counts against the address as well, whoever makes it.
    let status = 200;
    for (let i = 0; i < 60 && status !== 429; i++)
      status = (await new VisitorClient(rt.current, key).call('/config')).status;
    expect(status).toBe(429);
    expect((await second.post('/typing', { typing: false })).status).toBe(429);
  });
});
