import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realtimeHub } from '../../src/platform/realtime';
import { TestClient } from '../support/client';
import { useTestRuntime } from '../support/runtime';
import { readFrames, type OpenStream } from '../support/sse';
import { SITE, VisitorClient, widgetFor } from '../support/widget';
import { testWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * Open event streams, from the attacker's side: one API key, one member, one visitor or one
 * address cannot hold more than its share of a server's connections (429 too_many_streams),
 * and a stream that ends, however it ends, gives its place back.
 */
const rt = useTestRuntime({
  STREAM_LIMIT_PER_VISITOR: '2',
  STREAM_LIMIT_PER_MEMBER: '2',
  STREAM_LIMIT_PER_API_KEY: '3',
  STREAM_LIMIT_PER_ADDRESS: '8',
  WIDGET_RATE_LIMIT_PER_MINUTE: '1000',
  WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000',
  WIDGET_IP_CONVERSATION_LIMIT_PER_HOUR: '1000',
});
let ws: TestWorkspace;
let agentId: string;
let publicKey: string;
let conversationId: string;
const held: Array<{ close(): Promise<void> }> = [];

/** Open streams as this process counts them (the `switchboard_open_streams` gauge). */
async function openStreams(): Promise<number> {
  const metric = rt.current.runtime.metrics.registry.getSingleMetric('switchboard_open_streams');
  if (!metric) throw new Error('switchboard_open_streams is not reported');
  return (await metric.get()).values[0]?.value ?? 0;
}

async function settles(expected: number): Promise<number> {
  const deadline = Date.now() + 8000;
  let open = await openStreams();
  while (open !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    open = await openStreams();
  }
  return open;
}

/** Opens a stream with a client's credentials; the caller closes it (or `afterEach` does). */
async function open(client: TestClient, path: string): Promise<OpenStream & { body: any }> {
  const controller = new AbortController();
  const response = await client.fetch(path, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
  const stream = { ...readFrames(response, controller), body };
  held.push(stream);
  return stream;
}

async function visitor(): Promise<VisitorClient> {
  const v = new VisitorClient(rt.current, publicKey);
  expect((await v.session()).status).toBe(200);
  return v;
}

async function visitorEvents(v: VisitorClient): Promise<OpenStream & { body: any; headers: Headers }> {
  const { response, ...stream } = await v.events();
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
  held.push(stream);
  return { ...stream, body, headers: response.headers };
}

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'streams');
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Stream agent' })).body.agent.id;
  conversationId = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation.id;
  ({ publicKey } = await widgetFor(ws, agentId));
});

afterEach(async () => {
  await Promise.all(held.splice(0).map((stream) => stream.close()));
  expect(await settles(0)).toBe(0);
  expect(realtimeHub().listenerCount).toBe(0);
});

const events = (id = conversationId) => `/api/v1/conversations/${id}/events`;

describe('per API key', () => {
  it('refuses the stream past the key’s limit with 429 too_many_streams; another key is counted apart; a closed stream frees its place', async () => {
    const streams = [await open(ws.api, events()), await open(ws.api, events()), await open(ws.api, events())];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const refused = await open(ws.api, events());
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'too_many_streams',
      message: 'Too many open event streams for this API key: 3 are allowed at once. Close one before opening another.',
      details: { scope: 'apiKey', limit: 3 },
      requestId: expect.any(String),
    });
    // A streamed answer is a stream too.
    const answer = await ws.api.fetch(`/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      json: { content: 'Hello' },
      headers: { accept: 'text/event-stream' },
    });
    expect(answer.status).toBe(429);
    expect(((await answer.json()) as any).error.code).toBe('too_many_streams');
    // So is an OpenAI-compatible streamed completion; refused before its question is stored.
    const before = (await ws.api.json('/api/v1/conversations')).body.conversations.length;
    const completion = await ws.api.post('/api/v1/openai/chat/completions', {
      model: agentId,
      stream: true,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(completion.status).toBe(429);
    expect(completion.body.error).toMatchObject({ code: 'too_many_streams', type: 'rate_limit_error' });
    expect((await ws.api.json('/api/v1/conversations')).body.conversations.length).toBe(before);

    const secret = (await ws.owner.post('/api/v1/api-keys', { name: 'second', scopes: ['read', 'write'] })).body
      .secret as string;
    expect((await open(new TestClient(rt.current, secret), events())).status).toBe(200);

    await streams[0]!.close();
    const deadline = Date.now() + 8000;
    let again = await open(ws.api, events());
    while (again.status === 429 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await open(ws.api, events());
    }
    expect(again.status).toBe(200);
    await again.waitFor((f) => f.some((x) => x.event === 'status'));
  });

  it('gives back the place of every answer stream when the answer ends, failed answers included', async () => {
    const streams = [await open(ws.api, events()), await open(ws.api, events())];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    // One place left: answers one after another each take it and give it back.
    for (let i = 0; i < 4; i++) {
      const text = await (
        await ws.api.fetch(`/api/v1/conversations/${conversationId}/messages`, {
          method: 'POST',
          json: { content: `Question ${i}` },
          headers: { accept: 'text/event-stream' },
        })
      ).text();
      expect(text).toContain('event: done');
      const failed = await ws.api.fetch('/api/v1/conversations/conv_00000000000000000000000000/messages', {
        method: 'POST',
        json: { content: 'Hello' },
        headers: { accept: 'text/event-stream' },
      });
      expect(failed.status).toBe(200);
      expect(await failed.text()).toContain('event: error');
    }
    expect(await settles(2)).toBe(2);
  });
});

describe('per member', () => {
  it('refuses a member’s third inbox stream, whatever the stream', async () => {
    const first = await open(ws.owner, '/api/v1/inbox/events');
    const second = await open(ws.owner, events());
    expect([first.status, second.status]).toEqual([200, 200]);
    const refused = await open(ws.owner, '/api/v1/inbox/events');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'too_many_streams', details: { scope: 'member', limit: 2 } });
  });
});

describe('per visitor and per address', () => {
  it('refuses a visitor’s third stream (the widget can read why), counts their streamed answers, and counts fresh visitors by their address', async () => {
    const v = await visitor();
    const streams = [await visitorEvents(v), await visitorEvents(v)];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    const refused = await visitorEvents(v);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(refused.body.error).toMatchObject({
      code: 'too_many_streams',
      message: expect.stringContaining('this visitor: 2 are allowed at once'),
      details: { scope: 'visitor', limit: 2 },
    });
    const answer = await v.send('Hello', { stream: true });
    expect(answer.status).toBe(429);

    // A new visitor id is free to mint: the address holds them back together (8 here, 2 taken).
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const other = await visitor();
      statuses.push((await visitorEvents(other)).status, (await visitorEvents(other)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const last = await visitorEvents(await visitor());
    expect(last.body.error).toMatchObject({
      code: 'too_many_streams',
      message: expect.stringContaining('client address: 8 are allowed at once'),
      details: { scope: 'address', limit: 8 },
    });
    expect(await openStreams()).toBe(8);
  });
});

describe('HEAD', () => {
  it('opens no stream for a HEAD request, so none stays open or subscribed', async () => {
    for (let i = 0; i < 6; i++) {
      const head = await ws.api.fetch(events(), { method: 'HEAD', headers: { accept: 'text/event-stream' } });
      expect(head.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(realtimeHub().listenerCount).toBe(0);
    expect(await openStreams()).toBe(0);
  });
});
