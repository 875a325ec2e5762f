import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { signVisitorToken } from './visitor-token';

/**
 * The widget API from an attacker's side (it is outside the /api/v1 generator): no key, a key
 * or token or conversation of another workspace, forged and expired tokens, a disallowed
 * origin, malformed bodies. Nothing of workspace B may change while A's visitor tries.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let a: { ws: TestWorkspace; agentId: string; key: string; visitor: VisitorClient };
let b: { ws: TestWorkspace; agentId: string; key: string; visitor: VisitorClient };

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

async function tenant(label: string) {
  const ws = await testWorkspace(rt.current, label);
  const agentId = (await ws.api.post('/api/v1/agents', { name: `${label} agent` })).body.agent.id;
  const { publicKey: key } = await widgetFor(ws, agentId);
  const visitor = new VisitorClient(rt.current, key);
  expect((await visitor.session()).status).toBe(200);
  return { ws, agentId, key, visitor };
}

async function upload(v: VisitorClient, conversationId = v.conversationId) {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'dot.png');
  return v.call(v.conversationPath('/attachments', conversationId), { method: 'POST', body: form });
}

async function digestOf(tenantId: string): Promise<string> {
  const { rows } = await withPlatform((tx) =>
    tx.query<{ d: string }>(
      `SELECT md5(concat_ws('|', (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM conversations t WHERE tenant_id = $1),
                              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM messages t WHERE tenant_id = $1),
                              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM leads t WHERE tenant_id = $1),
                              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM widget_attachments t WHERE tenant_id = $1),
                              (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM conversation_ratings t WHERE tenant_id = $1))) AS d`,
      [tenantId],
    ),
  );
  return rows[0]!.d;
}

beforeAll(async () => {
  a = await tenant('wsec-a');
  b = await tenant('wsec-b');
  await b.visitor.send('hello from b');
  expect((await upload(b.visitor)).status).toBe(201);
});

/** Every token-bound call, with a body that would otherwise be accepted. */
const CALLS: Array<[string, string, unknown]> = [
  ['POST', '/messages', { content: 'hi' }],
  ['GET', '/messages', undefined],
  ['GET', '/events', undefined],
  ['POST', '/typing', { typing: true }],
  ['POST', '/handoff', {}],
  ['POST', '/lead', { values: { email: 'x@y.test' } }],
  ['POST', '/rating', { rating: 5 }],
];

async function callAs(
  v: VisitorClient,
  method: string,
  path: string,
  json: unknown,
  init: { token?: string | null; conversationId?: string; key?: string } = {},
) {
  const key = init.key ?? v.publicKey;
  const conversation = init.conversationId ?? v.conversationId;
  const url = `/api/widget/v1/${key}/conversations/${conversation}${path}`;
  return v.call(url, {
    method,
    ...(json !== undefined ? { json } : {}),
    headers: { accept: 'text/event-stream' },
    ...(init.token !== undefined ? { token: init.token } : {}),
  });
}

describe('the widget API refuses', () => {
  it('unknown and malformed keys (404)', async () => {
    for (const key of ['pk_abcdefghijklmnopqrstuvwxyz012345', 'pk_short', 'sb_live_x', '%2e%2e']) {
      const v = new VisitorClient(rt.current, key);
      expect((await v.call('/config')).status, key).toBe(404);
      expect((await v.call('/session', { method: 'POST', json: { create: true } })).status, key).toBe(404);
    }
  });

  it("another workspace's token, conversation or key (404), leaving it untouched", async () => {
    const before = await digestOf(b.ws.id);
    const failures: string[] = [];
    const expectStatus = (what: string, actual: number, expected: number) =>
      actual !== expected && failures.push(`${what}: ${actual}`);
    for (const [method, path, json] of CALLS) {
      // B's token on A's key and A's conversation path; B's conversation on A's token; B's token with B's conversation through A's key.
      expectStatus(
        `${method} ${path} B token`,
        (await callAs(a.visitor, method, path, json, { token: b.visitor.token })).status,
        404,
      );
      expectStatus(
        `${method} ${path} B conversation`,
        (await callAs(a.visitor, method, path, json, { conversationId: b.visitor.conversationId! })).status,
        404,
      );
      expectStatus(
        `${method} ${path} B both`,
        (
          await callAs(a.visitor, method, path, json, {
            token: b.visitor.token,
            conversationId: b.visitor.conversationId!,
          })
        ).status,
        404,
      );
      expectStatus(
        `${method} ${path} A token via B key`,
        (await callAs(a.visitor, method, path, json, { key: b.key })).status,
        404,
      );
    }
    const [attachment] = (
      await withPlatform((tx) =>
        tx.query<{ id: string }>('SELECT id FROM widget_attachments WHERE tenant_id = $1', [b.ws.id]),
      )
    ).rows;
    expectStatus(
      'B attachment',
      (await a.visitor.call(a.visitor.conversationPath(`/attachments/${attachment!.id}`))).status,
      404,
    );
    expectStatus(
      'B attachment, B conversation',
      (await a.visitor.call(a.visitor.conversationPath(`/attachments/${attachment!.id}`, b.visitor.conversationId)))
        .status,
      404,
    );
    expectStatus('upload to B', (await upload(a.visitor, b.visitor.conversationId)).status, 404);
    expectStatus(
      'member of A reading B attachment',
      (await a.ws.api.json(`/api/v1/conversations/${b.visitor.conversationId}/attachments/${attachment!.id}`)).status,
      404,
    );
    const resume = await new VisitorClient(rt.current, a.key).session({
      conversationId: b.visitor.conversationId,
      visitorId: b.visitor.visitor!.id,
      visitorKey: b.visitor.visitor!.key,
      create: false,
    });
    expect(resume.body.conversation).toBeNull();
    expect(failures).toEqual([]);
    expect(await digestOf(b.ws.id)).toBe(before);
  });

  it('a token for another conversation of the same visitor (404)', async () => {
    const v = new VisitorClient(rt.current, a.key);
    await v.session();
    const first = { id: v.conversationId!, token: v.token! };
    await v.session({ fresh: true });
    expect(v.conversationId).not.toBe(first.id);
    expect((await callAs(v, 'POST', '/typing', { typing: true }, { token: first.token })).status).toBe(404);
    expect(
      (await callAs(v, 'POST', '/typing', { typing: true }, { token: first.token, conversationId: first.id })).status,
    ).toBe(200);
  });

  it('no token, forged and expired tokens (401)', async () => {
    const v = a.visitor;
    const claims = { t: a.ws.id, a: a.agentId, v: v.visitor!.id, c: v.conversationId!, u: false };
    const expired = signVisitorToken(claims, -1).token;
    const [, body] = signVisitorToken(claims).token.split('.');
    const forged = `sbv1.${body}.${Buffer.alloc(32, 7).toString('base64url')}`;
    for (const [method, path, json] of CALLS) {
      const none = await callAs(v, method, path, json, { token: null });
      expect(none.status, `${path} none`).toBe(401);
      expect(none.body.error.code).toBe('visitor_token_required');
      const old = await callAs(v, method, path, json, { token: expired });
      expect(old.body.error?.code, `${path} expired`).toBe('visitor_token_expired');
      expect((await callAs(v, method, path, json, { token: forged })).body.error?.code, `${path} forged`).toBe(
        'invalid_visitor_token',
      );
      expect((await callAs(v, method, path, json, { token: 'garbage' })).status, `${path} garbage`).toBe(401);
    }
  });

  it('a page on another origin, even with a valid token (403 origin_not_allowed)', async () => {
    const evil = new VisitorClient(rt.current, a.key, 'https://evil.example');
    evil.token = a.visitor.token;
    evil.conversationId = a.visitor.conversationId;
    for (const [method, path, json] of CALLS) {
      const res = await callAs(evil, method, path, json);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('origin_not_allowed');
    }
    expect((await evil.call('/session', { method: 'POST', json: { create: true } })).status).toBe(403);
    expect((await upload(evil)).status).toBe(403);
  });

  it('malformed bodies (400), storing nothing', async () => {
    const v = a.visitor;
    const before = await digestOf(a.ws.id);
    const bad: Array<[string, unknown]> = [
      ['/messages', { content: '   ' }],
      ['/messages', { text: 'hi' }],
      ['/typing', { typing: 'yes' }],
      ['/handoff', { reason: 42 }],
      ['/lead', { values: 'ada@example.test' }],
      ['/rating', { rating: 'five' }],
    ];
    for (const [path, json] of bad)
      expect((await v.post(path, json)).status, `${path} ${JSON.stringify(json)}`).toBe(400);
    const raw = await v.call(v.conversationPath('/messages'), {
      method: 'POST',
      body: '{"content": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.body.error.code).toBe('invalid_json');
    expect((await v.call('/session', { method: 'POST', json: { create: 'yes' } })).status).toBe(400);
    expect((await v.call('/session', { method: 'POST', json: { identity: { userId: '' } } })).status).toBe(400);
    expect((await v.call(v.conversationPath('/messages?after=nope'))).status).toBe(400);
    expect(
      (await v.call(v.conversationPath('/attachments'), { method: 'POST', json: { file: 'x' } })).body.error.code,
    ).toBe('file_required');
    expect((await v.call(v.conversationPath('/events'))).status).toBe(406);
    expect(await digestOf(a.ws.id)).toBe(before);
  });
});
