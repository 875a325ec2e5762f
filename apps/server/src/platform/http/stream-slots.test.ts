import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../events/bus';
import { createLogger } from '../log';
import { RealtimeHub, realtimeHub, setRealtimeHub } from '../realtime/hub';
import { streamRealtime } from '../realtime/sse';
import { addressBucket } from './address-bucket';
import type { AppEnv } from './env';
import { handleError } from './error-handler';
import { eventStream } from './event-stream';
import { StreamSlots } from './stream-slots';

const limits = { visitor: 2, member: 2, apiKey: 3, address: 5, process: 6 };
const key = (k: string) => [
  { scope: 'apiKey' as const, key: k },
  { scope: 'address' as const, key: '203.0.113.7' },
];

describe('StreamSlots', () => {
  it('counts per scope and in all, refuses past a limit without taking anything, and gives back once', () => {
    const slots = new StreamSlots(limits);
    const held = [slots.acquire(key('a')), slots.acquire(key('a')), slots.acquire(key('a'))];
    expect(() => slots.acquire(key('a'))).toThrow(
      expect.objectContaining({
        status: 429,
        code: 'too_many_streams',
        details: { scope: 'apiKey', limit: 3, retryAfterSeconds: 5 },
      }),
    );
    expect(slots.openFor({ scope: 'address', key: '203.0.113.7' })).toBe(3);
    held.push(slots.acquire(key('b')), slots.acquire(key('b')));
    // The address is full: another key from it is refused by the address, and nothing was taken for the key.
    expect(() => slots.acquire(key('c'))).toThrow(/client address: 5 are allowed at once/);
    expect(slots.openFor({ scope: 'apiKey', key: 'c' })).toBe(0);
    expect(slots.open).toBe(5);
    held[0]!();
    held[0]!();
    held[0]!();
    expect(slots.open).toBe(4);
    expect(slots.openFor({ scope: 'apiKey', key: 'a' })).toBe(2);
    expect(slots.openFor({ scope: 'address', key: '203.0.113.7' })).toBe(4);
    for (const release of held) release();
    expect(slots.open).toBe(0);
    expect(slots.openFor({ scope: 'address', key: '203.0.113.7' })).toBe(0);
  });

  it('answers 503 past the process ceiling, whoever asks', () => {
    const slots = new StreamSlots({ ...limits, process: 2 });
    slots.acquire(key('a'));
    slots.acquire([{ scope: 'visitor', key: 't:v1' }]);
    expect(() => slots.acquire([{ scope: 'member', key: 'u1' }])).toThrow(
      expect.objectContaining({ status: 503, code: 'server_busy', headers: { 'Retry-After': '5' } }),
    );
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(addressBucket('198.51.100.4')).toBe('198.51.100.4');
    expect(addressBucket('unknown')).toBe('unknown');
  });
});

/**
 * Streams over Node's HTTP server give their slot back however they end: the client leaves,
 * the server ends them (a failed replay, a finished or failed answer), the server closes.
 */
describe('slots of streams over HTTP', () => {
  const slots = new StreamSlots({ visitor: 9, member: 9, apiKey: 2, address: 9, process: 9 });
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    setRealtimeHub(new RealtimeHub(createMemoryBus(createLogger('silent'))));
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('ip', '127.0.0.1');
      c.set('actor', { type: 'apiKey', keyId: 'key_1', scopes: ['read'] });
      c.set('streamSlots', slots);
      await next();
    });
    app.get('/live', (c) =>
      streamRealtime(c, {
        tenantId: 't1',
        after: null,
        replay: async () => [{ event: 'status', data: { ok: true } }],
        select: () => null,
      }),
    );
    app.get('/replay-fails', (c) =>
      streamRealtime(c, {
        tenantId: 't1',
        after: null,
        replay: () => Promise.reject(new Error('database gone')),
        select: () => null,
      }),
    );
    app.post('/answer', (c) => eventStream(c, async (stream) => stream.send('done', '{}')));
    app.post('/answer-fails', (c) =>
      eventStream(c, async () => {
        throw new Error('model gone');
      }),
    );
    app.onError(handleError);
    server = await new Promise<http.Server>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started as http.Server),
      );
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    realtimeHub().close();
    setRealtimeHub(null);
  });

  const settled = async (open: number) => {
    const deadline = Date.now() + 5000;
    while (slots.open !== open && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return slots.open;
  };

  it('frees the slot of a stream whose client left, and refuses past the limit meanwhile', async () => {
    const controllers = [new AbortController(), new AbortController()];
    const open = await Promise.all(
      controllers.map((controller) => fetch(`${base}/live`, { signal: controller.signal })),
    );
    expect(open.map((r) => r.status)).toEqual([200, 200]);
    const refused = await fetch(`${base}/live`);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).error).toMatchObject({
      code: 'too_many_streams',
      message: expect.stringContaining('API key: 2 are allowed at once'),
    });
    controllers[0]!.abort();
    expect(await settled(1)).toBe(1);
    expect(realtimeHub().listenerCount).toBe(1);
    const again = new AbortController();
    expect((await fetch(`${base}/live`, { signal: again.signal })).status).toBe(200);
    again.abort();
    controllers[1]!.abort();
    expect(await settled(0)).toBe(0);
    expect(realtimeHub().listenerCount).toBe(0);
  });

  it('frees the slots of streams the server ends: a failed replay, a finished answer, a failed answer', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = await fetch(`${base}/replay-fails`);
      expect(failed.status).toBe(200);
      await failed.text();
      expect(await (await fetch(`${base}/answer`, { method: 'POST' })).text()).toBe('event: done\ndata: {}\n\n');
      await (await fetch(`${base}/answer-fails`, { method: 'POST' })).text().catch(() => 'cut');
    }
    expect(await settled(0)).toBe(0);
    expect(slots.openFor({ scope: 'apiKey', key: 'key_1' })).toBe(0);
    expect(realtimeHub().listenerCount).toBe(0);
  });

  it('opens no stream for a HEAD request, so none is left subscribed', async () => {
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/live`, { method: 'HEAD' })).status).toBe(200);
    expect(slots.open).toBe(0);
    expect(realtimeHub().listenerCount).toBe(0);
  });

  it('frees the slots of open streams when the server closes its connections', async () => {
    const responses = await Promise.all([fetch(`${base}/live`), fetch(`${base}/live`)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(slots.open).toBe(2);
    server.closeAllConnections();
    expect(await settled(0)).toBe(0);
    expect(realtimeHub().listenerCount).toBe(0);
  });
});
