import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody, startServer, type LocalServer } from '../../../test/support/fixtures/http-server';
import { EgressError } from './errors';
import { createEgressGuard } from './guard';
import { guardedFetch } from './index';

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
    () => new Error('expected the fetch to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EgressError);
  return error as EgressError;
}

/** A "public" site: 127.0.0.2 is allowed, the rest of loopback stays forbidden. */
const publicGuard = (extra: string[] = []) => createEgressGuard({ allowCidrs: ['127.0.0.2/32', ...extra] });

describe('guardedFetch refuses internal addresses', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://10.0.0.5/admin', '10.0.0.5'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[::1]/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1'],
  ])('%s (really %s)', async (url, address) => {
    const error = await failure(guardedFetch(url, { timeoutMs: 2000 }));
    expect(error.reason).toBe('forbidden_address');
    expect(error.message).toContain(`The address ${address} `);
    expect(error.status).toBe(400);
  });

  it('names the IPv4 address an IPv4-mapped form hides', async () => {
    const error = await failure(guardedFetch('http://[::ffff:169.254.169.254]/latest/meta-data/'));
    expect(error.message).toBe(
      "The address ::ffff:a9fe:a9fe is an IPv4-mapped IPv6 address (169.254.169.254) and can't be fetched.",
    );
  });

  it('refuses localhost through the real resolver', async () => {
    const error = await failure(guardedFetch('http://localhost:9/'));
    expect(error.reason).toBe('forbidden_address');
    expect(error.message).toMatch(
      /^localhost resolves to a forbidden address\. The address (127\.0\.0\.1|::1) is a loopback address/,
    );
  });

  it('refuses a hostname that resolves to a private address', async () => {
    const guard = createEgressGuard({ resolve: async () => ['10.0.0.5'] });
    const error = await failure(guard.fetch('https://docs.example.com/page'));
    expect(error.reason).toBe('forbidden_address');
    expect(error.message).toBe(
      "docs.example.com resolves to a forbidden address. The address 10.0.0.5 is private and can't be fetched.",
    );
  });

  it('refuses a hostname when any one of its addresses is forbidden', async () => {
    const guard = createEgressGuard({ resolve: async () => ['93.184.216.34', 'fd00::1'] });
    expect((await failure(guard.fetch('http://mixed.example.com/'))).message).toContain('fd00::1');
  });

  it('refuses other schemes, credentials in the URL and malformed URLs', async () => {
    expect((await failure(guardedFetch('file:///etc/passwd'))).reason).toBe('unsupported_scheme');
    expect((await failure(guardedFetch('gopher://example.com/'))).reason).toBe('unsupported_scheme');
    const withCredentials = await failure(guardedFetch('http://admin:secret@example.com/'));
    expect(withCredentials.reason).toBe('bad_url');
    expect(withCredentials.url).not.toContain('secret');
    expect((await failure(guardedFetch('not a url'))).reason).toBe('bad_url');
  });

  it('reports a name that does not resolve as a network failure', async () => {
    const guard = createEgressGuard({
      resolve: async () => {
        const error: NodeJS.ErrnoException = new Error('not found');
        error.code = 'ENOTFOUND';
        throw error;
      },
    });
    const error = await failure(guard.fetch('http://nowhere.invalid/'));
    expect(error.reason).toBe('network');
    expect(error.message).toBe('The host nowhere.invalid could not be found.');
  });
});

describe('guardedFetch against allowed hosts', () => {
  it('fetches an allowed host and reports status, type, final URL and body', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<p>hello</p>');
    });
    const response = await publicGuard().fetch(`${site.origin}/page?x=1#frag`);
    expect(response).toMatchObject({
      url: `${site.origin}/page?x=1`,
      status: 200,
      contentType: 'text/html',
      redirects: [],
    });
    expect(response.body.toString()).toBe('<p>hello</p>');
    expect(site.requests[0]?.path).toBe('/page?x=1');
  });

  it('connects to the pinned address even if the name would now resolve elsewhere', async () => {
    const pub = await serve((_req, res) => res.end('public'), '127.0.0.2');
    // Same port on 127.0.0.1: where a second, rebinding lookup would send the request.
    const internal = await serve((_req, res) => res.end('internal'), '127.0.0.1', pub.port);
    const answers = [['127.0.0.2'], ['127.0.0.1']];
    let calls = 0;
    const guard = createEgressGuard({
      allowCidrs: ['127.0.0.2/32'],
      resolve: async () => answers[Math.min(calls++, 1)]!,
    });

    const response = await guard.fetch(`http://docs.example.test:${pub.port}/`);
    expect(response.body.toString()).toBe('public');
    expect(calls).toBe(1);
    expect(pub.requests[0]?.localAddress).toBe('127.0.0.2');
    // The hostname is kept for the Host header (and SNI on https).
    expect(pub.requests[0]?.headers.host).toBe(`docs.example.test:${pub.port}`);
    expect(internal.requests).toHaveLength(0);
  });

  it('re-checks each redirect: a public page redirecting to a private one is refused', async () => {
    const internal = await serve((_req, res) => res.end('secret'), '127.0.0.1');
    const pub = await serve((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${internal.port}/` });
      res.end();
    });
    const error = await failure(publicGuard().fetch(`${pub.origin}/start`));
    expect(error.reason).toBe('forbidden_address');
    expect(error.message).toContain('The address 127.0.0.1 is a loopback address');
    expect(pub.requests).toHaveLength(1);
    expect(internal.requests).toHaveLength(0);
  });

  it('follows redirects within the limit and lists them', async () => {
    const site = await serve((req, res) => {
      const step = Number(req.url?.split('/')[2] ?? 0);
      if (step < 3) {
        res.writeHead(301, { location: `/r/${step + 1}` });
        return res.end();
      }
      res.end('arrived');
    });
    const response = await publicGuard().fetch(`${site.origin}/r/0`);
    expect(response.body.toString()).toBe('arrived');
    expect(response.redirects).toEqual([1, 2, 3].map((n) => `${site.origin}/r/${n}`));
    expect(response.url).toBe(`${site.origin}/r/3`);

    const error = await failure(publicGuard().fetch(`${site.origin}/r/0`, { maxRedirects: 2 }));
    expect(error.reason).toBe('too_many_redirects');
  });

  it('detects a redirect loop', async () => {
    const site = await serve((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' });
      res.end();
    });
    const error = await failure(publicGuard().fetch(`${site.origin}/a`));
    expect(error.reason).toBe('redirect_loop');
    expect(site.requests.map((r) => r.path)).toEqual(['/a', '/b']);
  });

  it('refuses a redirect to another scheme', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    });
    expect((await failure(publicGuard().fetch(site.origin))).reason).toBe('unsupported_scheme');
  });

  it('drops credentials on a redirect to another origin, and turns a POST into a GET on 303', async () => {
    const other = await serve((_req, res) => res.end('other'), '127.0.0.3');
    let received = '';
    const site = await serve(async (req, res) => {
      received = await readBody(req);
      res.writeHead(303, { location: `${other.origin}/done` });
      res.end();
    });
    const response = await publicGuard(['127.0.0.3/32']).fetch(`${site.origin}/submit`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
    });
    expect(response.body.toString()).toBe('other');
    expect(received).toBe('{"a":1}');
    expect(site.requests[0]).toMatchObject({ method: 'POST' });
    expect(site.requests[0]?.headers.authorization).toBe('Bearer t');
    expect(other.requests[0]).toMatchObject({ method: 'GET', path: '/done' });
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('guardedFetch limits', () => {
  it('refuses a body declared larger than maxBytes', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.end('x'.repeat(5000));
    });
    const error = await failure(publicGuard().fetch(site.origin, { maxBytes: 1000 }));
    expect(error.reason).toBe('too_large');
    expect(error.message).toContain('1000-byte limit');
  });

  it('aborts a streamed body once it passes maxBytes', async () => {
    let closed = false;
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'.repeat(1024)), 5);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const error = await failure(publicGuard().fetch(site.origin, { maxBytes: 10_000 }));
    expect(error.reason).toBe('too_large');
    await expect.poll(() => closed).toBe(true);
  });

  it('caps a compressed body after inflating it', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(5_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    expect((await failure(publicGuard().fetch(site.origin, { maxBytes: 100_000 }))).reason).toBe('too_large');
  });

  it('decodes a gzip body within the cap', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
      res.end(zlib.gzipSync('compressed hello'));
    });
    expect((await publicGuard().fetch(site.origin)).body.toString()).toBe('compressed hello');
  });

  it('gives up after the total timeout', async () => {
    const site = await serve(() => undefined);
    const started = Date.now();
    const error = await failure(publicGuard().fetch(site.origin, { timeoutMs: 300 }));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reports an HTTP error status unless asked to return it', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('missing');
    });
    const error = await failure(publicGuard().fetch(site.origin));
    expect(error).toMatchObject({ reason: 'http_error', httpStatus: 404 });
    const response = await publicGuard().fetch(site.origin, { throwHttpErrors: false });
    expect(response.status).toBe(404);
    expect(response.body.toString()).toBe('missing');
  });

  it('refuses a content type outside accept', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end('png');
    });
    const error = await failure(publicGuard().fetch(site.origin, { accept: ['text/html', 'text/*'] }));
    expect(error.reason).toBe('unsupported_type');
    expect(error.message).toContain('image/png');
    expect(site.requests[0]?.headers.accept).toBe('text/html, text/*');
  });

  it('reports a refused connection as a network failure', async () => {
    const site = await serve((_req, res) => res.end());
    const origin = site.origin;
    await servers.pop()?.close();
    expect((await failure(publicGuard().fetch(origin))).reason).toBe('network');
  });
});
