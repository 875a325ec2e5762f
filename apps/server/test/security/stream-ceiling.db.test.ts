import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client';
import { useTestRuntime } from '../support/runtime';
import { readFrames, type OpenStream } from '../support/sse';
import { VisitorClient, widgetFor } from '../support/widget';
import { testWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * The process ceiling: however the streams are spread over keys, members, visitors and
 * workspaces, one process holds at most STREAM_LIMIT_PER_PROCESS; past it a new stream gets
 * 503 server_busy and everything else keeps working.
 */
const rt = useTestRuntime({ STREAM_LIMIT_PER_PROCESS: '3' });
let a: TestWorkspace;
let b: TestWorkspace;

beforeAll(async () => {
  a = await testWorkspace(rt.current, 'ceiling-a');
  b = await testWorkspace(rt.current, 'ceiling-b');
});

async function open(client: TestClient, path: string): Promise<OpenStream & { body: any; headers: Headers }> {
  const controller = new AbortController();
  const response = await client.fetch(path, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
  return { ...readFrames(response, controller), body, headers: response.headers };
}

describe('the process ceiling', () => {
  it('answers 503 server_busy past it, keeps serving everything else, and takes streams again once one closes', async () => {
    const agentId = (await a.api.post('/api/v1/agents', { name: 'Ceiling agent' })).body.agent.id;
    const conversation = (await a.api.post('/api/v1/conversations', { agentId })).body.conversation.id;
    const { publicKey } = await widgetFor(a, agentId);
    const v = new VisitorClient(rt.current, publicKey);
    await v.session();
    const visitorStream = await v.events();

    const streams = [
      await open(a.api, `/api/v1/conversations/${conversation}/events`),
      await open(a.owner, '/api/v1/inbox/events'),
    ];
    expect([visitorStream.response.status, ...streams.map((s) => s.status)]).toEqual([200, 200, 200]);

    const refused = await open(b.owner, '/api/v1/inbox/events');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body.error).toMatchObject({
      code: 'server_busy',
      message: 'This server holds as many event streams as it can (3). Try again shortly.',
      requestId: expect.any(String),
    });

    expect((await rt.current.fetch('/healthz')).status).toBe(200);
    expect((await b.api.json('/api/v1/agents')).status).toBe(200);

    await visitorStream.close();
    const deadline = Date.now() + 8000;
    let again = await open(b.owner, '/api/v1/inbox/events');
    while (again.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await open(b.owner, '/api/v1/inbox/events');
    }
    expect(again.status).toBe(200);
    await again.waitFor((f) => f.some((x) => x.event === 'snapshot'));
    await Promise.all([...streams, again].map((s) => s.close()));
  });
});
