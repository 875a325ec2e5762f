import { beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/client';
import { sendRaw, type RawRequest } from '../support/raw-http';
import { useTestRuntime } from '../support/runtime';
import { VisitorClient, widgetFor } from '../support/widget';
import { testWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * The unhandled 500s of issue 16 and those the fuzz pass (fuzz.db.test.ts) found, one by
 * one, from the attacker's side over real HTTP: each answers 4xx with the error envelope,
 * and what was refused left nothing behind.
 */
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let agentId: string;
let conversationId: string;
let visitor: VisitorClient;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'hostile');
  agentId = (await ws.owner.post('/api/v1/agents', { name: 'Hostile input' })).body.agent.id;
  conversationId = (await ws.api.post('/api/v1/conversations', { agentId, channel: 'api' })).body.conversation.id;
  visitor = new VisitorClient(rt.current, (await widgetFor(ws, agentId)).publicKey);
  await visitor.session({ create: true });
});

async function send(request: RawRequest) {
  const res = await sendRaw(rt.current.url, request);
  if (!res) throw new Error('no answer');
  const text = res.body.toString('utf8');
  return { status: res.status, type: res.headers['content-type'] ?? '', body: text ? JSON.parse(text) : undefined };
}

const json = (body: string): Pick<RawRequest, 'body' | 'headers'> => ({
  body,
  headers: [['Content-Type', 'application/json']],
});
const withKey = (request: RawRequest): RawRequest => ({
  ...request,
  headers: [...(request.headers ?? []), ['Authorization', `Bearer ${ws.apiKey}`]],
});
const envelope = (code: string) => ({
  error: expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }),
});

async function messageCount(): Promise<number> {
  return (await ws.api.json(`/api/v1/conversations/${conversationId}/messages`)).body.messages.length;
}

describe('text the database cannot store', () => {
  it('refuses a NUL in an API chat message with 400 invalid_text, storing nothing', async () => {
    const before = await messageCount();
    const res = await send(
      withKey({
        method: 'POST',
        target: `/api/v1/conversations/${conversationId}/messages`,
        ...json('{"content":"Hi\\u0000there"}'),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual(envelope('invalid_text'));
    expect(res.body.error.details).toEqual([{ path: 'content', message: expect.any(String) }]);
    expect(await messageCount()).toBe(before);
  });

  it('refuses a NUL in a widget message the same way', async () => {
    const res = await visitor.call(visitor.conversationPath('/messages'), {
      method: 'POST',
      body: '{"content":"\\u0000"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(envelope('invalid_text'));
  });

  it('refuses unpaired surrogates (which jsonb rejects) in any field', async () => {
    const res = await send(withKey({ method: 'POST', target: '/api/v1/agents', ...json('{"name":"Bot \\ud800"}') }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(envelope('invalid_text'));
    // A well-formed pair (an emoji written as escapes) is ordinary text.
    const fine = await send(
      withKey({ method: 'POST', target: '/api/v1/agents', ...json('{"name":"Bot \\ud83d\\ude00"}') }),
    );
    expect(fine.status).toBe(201);
  });

  it('refuses %00 in a path parameter or a query value', async () => {
    for (const target of [
      '/api/v1/agents/%00',
      `/api/v1/agents/${agentId}%00`,
      '/api/v1/conversations?agentId=%00',
      `/api/widget/v1/${visitor.publicKey}/conversations/x%00/messages`,
    ]) {
      const res = await send(withKey({ method: 'GET', target }));
      expect([target, res.status]).toEqual([target, 400]);
      expect(res.body).toEqual(envelope('invalid_text'));
    }
  });

  it('refuses a NUL in an uploaded file’s name or a form field', async () => {
    const boundary = 'b0undary';
    const part = (disposition: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${value}\r\n`;
    for (const body of [
      part('name="file"; filename="hours.md"', '# Hours\n\nNine to five.') +
        part('name="title"', 'Hours\u0000') +
        `--${boundary}--\r\n`,
      part('name="file"; filename="ho\u0000urs.md"', '# Hours\n\nNine to five.') + `--${boundary}--\r\n`,
    ]) {
      const res = await send(
        withKey({
          method: 'POST',
          target: '/api/v1/knowledge/sources/upload',
          body,
          headers: [['Content-Type', `multipart/form-data; boundary=${boundary}`]],
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual(envelope('invalid_text'));
    }
    expect((await ws.api.json('/api/v1/knowledge/sources')).body.sources).toEqual([]);
  });
});

describe('malformed requests', () => {
  it('refuses a cookie request whose Referer cannot be parsed as from another origin (403), and still accepts its own', async () => {
    const owner = await signedInUser(rt.current, 'referer');
    const workspace = (await owner.client.post('/api/v1/workspaces', { name: 'Referer' })).body.workspace.id;
    const call = (referer: string) =>
      send({
        method: 'POST',
        target: '/api/v1/agents',
        ...json('{"name":"Via referer"}'),
        headers: [
          ['Content-Type', 'application/json'],
          ['Cookie', owner.client.cookieHeader()],
          ['X-Workspace-Id', workspace],
          ['Referer', referer],
        ],
      });
    for (const referer of ['http://[::1', '::::', 'agents']) {
      const res = await call(referer);
      expect(res.status).toBe(403);
      expect(res.body).toEqual(envelope('origin_not_allowed'));
    }
    expect((await call(`${rt.current.runtime.config.appUrl}/agents`)).status).toBe(201);
  });

  it('refuses JSON nested deeper than any request needs, also where the sign-in library reads it', async () => {
    const user = await signedInUser(rt.current, 'deep');
    const deep = `{"name":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await send({
      method: 'POST',
      target: '/api/auth/update-user',
      ...json(deep),
      headers: [
        ['Content-Type', 'application/json'],
        ['Cookie', user.client.cookieHeader()],
        ['Origin', rt.current.runtime.config.appUrl],
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(envelope('too_deep'));
  });

  it('answers what Node’s HTTP parser refuses with the error envelope', async () => {
    const huge = await send({
      method: 'GET',
      target: '/api/v1/agents',
      headers: [['Cookie', `a=${'x'.repeat(64 * 1024)}`]],
    });
    expect(huge.status).toBe(431);
    expect(huge.body).toEqual(envelope('headers_too_large'));
    const nul = await send({
      method: 'GET',
      target: '/api/v1/agents',
      headers: [['X-Note', Buffer.from([0x61, 0, 0x62])]],
    });
    expect(nul.status).toBe(400);
    expect(nul.body).toEqual(envelope('malformed_request'));
    expect(nul.type).toContain('application/json');
    const length = await send({
      method: 'POST',
      target: '/api/v1/agents',
      body: '{}',
      contentLength: false,
      headers: [['Content-Length', 'abc']],
    });
    expect(length.status).toBe(400);
    expect(length.body).toEqual(envelope('malformed_request'));
  });
});

describe('concurrent duplicates', () => {
  it('answers 409 already_invited to every request that loses a race to invite one address', async () => {
    const email = `race-${Date.now()}@example.test`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => ws.owner.post('/api/v1/invitations', { email, role: 'viewer' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body).toEqual(envelope('already_invited'));
  });
});
