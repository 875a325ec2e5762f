import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, describe, expect, it } from 'vitest';
import { eventStream } from './event-stream';

/** The app answered in-process (the body path) or by Node's HTTP server (the written path). */
type Transport = 'app.request' | 'node server';
const servers: http.Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function requester(app: Hono, transport: Transport): Promise<(path: string) => Promise<Response>> {
  if (transport === 'app.request') return async (path) => app.request(path);
  const server = await new Promise<http.Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as http.Server));
  });
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return (path) => fetch(`${base}${path}`);
}

describe.each<Transport>(['app.request', 'node server'])('eventStream (%s)', (transport) => {
  it('writes events in the server-sent events format, with the headers an event stream needs', async () => {
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        stream.send('token', JSON.stringify({ text: 'Hi' }), '1');
        await new Promise((r) => setTimeout(r, 5));
        stream.send('done', '{}');
      }),
    );
    const response = await (await requester(app, transport))('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('event: token\ndata: {"text":"Hi"}\nid: 1\n\nevent: done\ndata: {}\n\n');
  });

  it('keeps the order when events come at once and later (as a turn sends them: after the database, after the model)', async () => {
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        await new Promise((r) => setTimeout(r, 5));
        for (let i = 1; i <= 3; i++) stream.send('token', String(i), String(i));
        await new Promise((r) => setTimeout(r, 5));
        stream.send('done', '{}');
      }),
    );
    const later = await (await requester(app, transport))('/');
    expect(await later.text()).toBe(
      'event: token\ndata: 1\nid: 1\n\nevent: token\ndata: 2\nid: 2\n\nevent: token\ndata: 3\nid: 3\n\nevent: done\ndata: {}\n\n',
    );
    const mixed = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        stream.send('token', '"early"');
        await new Promise((r) => setTimeout(r, 5));
        stream.send('token', '"late"');
      }),
    );
    expect(await (await (await requester(mixed, transport))('/')).text()).toBe(
      'event: token\ndata: "early"\n\nevent: token\ndata: "late"\n\n',
    );
  });

  it('carries the headers middleware set on the way back out, and cookies', async () => {
    const app = new Hono();
    app.use('*', secureHeaders());
    app.use('*', async (c, next) => {
      await next();
      c.header('X-After', 'yes');
    });
    app.get('/', (c) => {
      c.header('Set-Cookie', 'a=1; Path=/', { append: true });
      c.header('Set-Cookie', 'b=2; Path=/', { append: true });
      return eventStream(c, async (stream) => {
        await new Promise((r) => setTimeout(r, 5));
        stream.send('done', '{}');
      });
    });
    const response = await (await requester(app, transport))('/');
    expect(response.headers.get('x-after')).toBe('yes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await response.text()).toBe('event: done\ndata: {}\n\n');
  });

  it('tells the producer when the client goes away', async () => {
    let sawGone: (gone: boolean) => void = () => undefined;
    const seen = new Promise<boolean>((resolve) => (sawGone = resolve));
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        await new Promise((r) => setTimeout(r, 5));
        stream.send('token', '"a"');
        await new Promise((r) => stream.gone.addEventListener('abort', r));
        sawGone(stream.gone.aborted);
      }),
    );
    const response = await (await requester(app, transport))('/');
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(await seen).toBe(true);
  });

  it('cuts the stream when the producer fails, after what it sent', async () => {
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        await new Promise((r) => setTimeout(r, 5));
        stream.send('token', '"a"');
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('boom');
      }),
    );
    const response = await (await requester(app, transport))('/');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('event: token\ndata: "a"\n\n');
    await expect(reader.read()).rejects.toThrow();
  });

  it('refuses data that would break the framing', async () => {
    let thrown: unknown;
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        try {
          stream.send('token', 'two\nlines');
        } catch (error) {
          thrown = error;
        }
      }),
    );
    expect(await (await (await requester(app, transport))('/')).text()).toBe('');
    expect((thrown as Error).message).toMatch(/one line/);
  });
});
