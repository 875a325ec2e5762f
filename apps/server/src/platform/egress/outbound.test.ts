import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, startServer, type LocalServer } from '../../../test/support/fixtures/http-server';
import { EgressError } from './errors';
import { createEgressGuard } from './guard';

/**
 * The outbound client's streamed and fetch-shaped faces, and the rules every face shares:
 * which headers cross to another origin, what each redirect mode does, the operator's trust,
 * the caps. 127.0.0.2 and 127.0.0.3 are "public" (allowed); the rest of loopback is internal.
 */
const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...args: Parameters<typeof startServer>): Promise<LocalServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<EgressError> {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EgressError);
  return error as EgressError;
}

const guard = () => createEgressGuard({ allowCidrs: ['127.0.0.2/32', '127.0.0.3/32'] });

const SECRETS = {
  authorization: 'Bearer sk-secret-1',
  'x-api-key': 'sk-ant-secret-2',
  'x-goog-api-key': 'goog-secret-3',
  'api-key': 'azure-secret-4',
  cookie: 'session=secret-5',
  'x-shop-access-token': 'shop-secret-6',
};

describe('headers on a redirect', () => {
  it('credentials stay with their origin: kept on a same-origin hop, dropped on the way to another, whatever their name', async () => {
    const other = await serve((_req, res) => res.end('other'), '127.0.0.3');
    const site = await serve((req, res) => {
      req.resume();
      res.writeHead(req.url === '/start' ? 308 : 307, {
        location: req.url === '/start' ? '/next' : `${other.origin}/hook`,
      });
      res.end();
    });
    const response = await guard().fetch(`${site.origin}/start`, {
      method: 'POST',
      body: '{"event":"x"}',
      headers: { ...SECRETS, 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(response.body.toString()).toBe('other');
    expect(site.requests.map((r) => r.path)).toEqual(['/start', '/next']);
    expect(site.requests[1]?.headers).toMatchObject(SECRETS);
    const forwarded = other.requests[0]!.headers;
    for (const name of Object.keys(SECRETS)) expect(forwarded[name], name).toBeUndefined();
    expect(JSON.stringify(forwarded)).not.toMatch(/secret/);
    expect(forwarded).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });
});

describe('redirect modes', () => {
  it('guardedRequest refuses any redirect unless told otherwise, without contacting the target', async () => {
    const other = await serve((_req, res) => res.end('other'), '127.0.0.3');
    const site = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.origin}/` });
      res.end();
    });
    const error = await failure(guard().request(`${site.origin}/`, { headers: SECRETS }));
    expect(error.reason).toBe('redirect_refused');
    expect(error.message).not.toContain(other.origin);
    expect(other.requests).toHaveLength(0);
  });

  it('same-origin follows within the server and refuses another one', async () => {
    const other = await serve((_req, res) => res.end('other'), '127.0.0.3');
    const site = await serve((req, res) => {
      res.writeHead(307, { location: req.url === '/a' ? '/b' : `${other.origin}/c` });
      res.end();
    });
    const error = await failure(guard().request(`${site.origin}/a`, { redirect: 'same-origin' }));
    expect(error.reason).toBe('redirect_refused');
    expect(site.requests.map((r) => r.path)).toEqual(['/a', '/b']);
    expect(other.requests).toHaveLength(0);
  });

  it('follow re-checks every hop: an internal target is refused before any request', async () => {
    const internal = await serve((_req, res) => res.end('internal'), '127.0.0.1');
    const site = await serve((_req, res) => {
      res.writeHead(307, { location: `${internal.origin}/admin` });
      res.end();
    });
    const error = await failure(guard().request(`${site.origin}/`, { redirect: 'follow' }));
    expect(error.reason).toBe('forbidden_address');
    expect(internal.requests).toHaveLength(0);
  });
});

describe('trust', () => {
  it("reaches the operator's private address; a tenant's is refused", async () => {
    const internal = await serve((_req, res) => res.end('operator service'), '127.0.0.1');
    const operator = await guard().request(`${internal.origin}/`, { trust: 'operator' });
    expect((await readAll(operator.body)).toString()).toBe('operator service');
    expect((await failure(guard().request(`${internal.origin}/`))).reason).toBe('forbidden_address');
    expect(internal.requests).toHaveLength(1);
  });

  it("an operator's redirect to another server is refused too", async () => {
    const other = await serve((_req, res) => res.end('other'), '127.0.0.3');
    const internal = await serve((_req, res) => {
      res.writeHead(307, { location: `${other.origin}/` });
      res.end();
    }, '127.0.0.1');
    const error = await failure(
      guard().request(`${internal.origin}/`, { trust: 'operator', redirect: 'same-origin', headers: SECRETS }),
    );
    expect(error.reason).toBe('redirect_refused');
    expect(other.requests).toHaveLength(0);
  });
});

describe('guardedRequest streams', () => {
  it('hands the body over as it arrives, decoded', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync('streamed hello'));
    });
    const answer = await guard().request(`${site.origin}/`);
    expect(answer).toMatchObject({ status: 200, url: `${site.origin}/` });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect((await readAll(answer.body)).toString()).toBe('streamed hello');
  });

  it('stops a body that passes maxBytes and closes the connection', async () => {
    let closed = false;
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write('data: x\n\n'.repeat(100)), 2);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const answer = await guard().request(`${site.origin}/`, { maxBytes: 20_000, timeoutMs: Infinity });
    const error = await failure(readAll(answer.body));
    expect(error.reason).toBe('too_large');
    await expect.poll(() => closed).toBe(true);
  });

  it('holds the deadline over the body, not just the headers', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part');
    });
    const answer = await guard().request(`${site.origin}/`, { timeoutMs: 300 });
    expect((await failure(readAll(answer.body))).reason).toBe('timeout');
  });

  it('connects to the checked address, reusing the connection with keepAlive', async () => {
    const site = await serve((_req, res) => res.end('pinned'), '127.0.0.2');
    const pinned = createEgressGuard({ allowCidrs: ['127.0.0.2/32'], resolve: async () => ['127.0.0.2'] });
    for (let i = 0; i < 2; i += 1) {
      const answer = await pinned.request(`http://model.tenant.test:${site.port}/`, { keepAlive: true });
      expect((await readAll(answer.body)).toString()).toBe('pinned');
    }
    expect(site.requests.map((r) => r.headers.host)).toEqual([
      `model.tenant.test:${site.port}`,
      `model.tenant.test:${site.port}`,
    ]);
    expect(site.requests.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
  });
});

describe('webFetch', () => {
  it('is a fetch: body and headers out, a Response back', async () => {
    let received = '';
    const site = await serve(async (req, res) => {
      received = await readBody(req);
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r1' });
      res.end('{"ok":true}');
    });
    const fetch = guard().webFetch();
    const response = await fetch(`${site.origin}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ ok: true });
    expect(received).toBe('{"a":1}');
    const empty = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    expect((await fetch(empty.origin)).body).toBeNull();
  });

  it('refuses what the guard refuses, before any request', async () => {
    const internal = await serve((_req, res) => res.end('internal'), '127.0.0.1');
    const error = await failure(guard().webFetch()(`${internal.origin}/`));
    expect(error.reason).toBe('forbidden_address');
    expect(internal.requests).toHaveLength(0);
  });
});

async function readAll(body: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}
