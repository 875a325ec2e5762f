import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { createRoute, z } from '@hono/zod-openapi';
import { useTestDatabase } from '../../../test/support/database';
import { createApp } from '../../app';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { createMetrics } from '../metrics';
import { resolveSecretKey } from '../crypto';
import type { App } from './env';

const testDb = useTestDatabase();

const echo = createRoute({
  method: 'post',
  path: '/api/v1/test-echo',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ name: z.string().min(2), count: z.number().int() }) } },
    },
  },
  responses: {
    200: { description: 'echo', content: { 'application/json': { schema: z.object({ name: z.string() }) } } },
  },
});

async function listen(app: App): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

function buildApp(env: Record<string, string> = {}): App {
  const config = loadConfig({ DATA_DIR: testDb.current.dataDir, CORS_ORIGINS: 'https://allowed.example', ...env });
  const app = createApp({
    config,
    log: createLogger('silent'),
    database: testDb.current.database,
    redis: null,
    metrics: createMetrics(),
    secretKey: resolveSecretKey('x'.repeat(40), testDb.current.dataDir),
  });
  app.openapi(echo, (c) => c.json({ name: c.req.valid('json').name }, 200));
  app.get('/api/v1/test-boom', () => {
    throw new Error('password=hunter2 in /srv/secret/config.ts');
  });
  return app;
}

let server: ServerType;
let base: string;
beforeAll(async () => {
  ({ server, url: base } = await listen(buildApp()));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function expectEnvelope(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}

const post = (
  path: string,
  body: string | ReadableStream,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(`${base}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('the error envelope', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    await expectEnvelope(await post('/api/v1/test-echo', '{"name": "ab",'), 400, 'invalid_json');
  });

  it('answers a wrong content type with 415', async () => {
    await expectEnvelope(
      await post('/api/v1/test-echo', 'name=ab', { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
  });

  it('answers a schema violation with 400 and the failing fields', async () => {
    const body = await expectEnvelope(
      await post('/api/v1/test-echo', JSON.stringify({ name: 'a' })),
      400,
      'validation_failed',
    );
    const details = (body.error as unknown as { details: Array<{ path: string }> }).details;
    expect(details.map((d) => d.path).sort()).toEqual(['count', 'name']);
  });

  it('accepts a valid body', async () => {
    const response = await post('/api/v1/test-echo', JSON.stringify({ name: 'Ada', count: 1 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Ada' });
  });

  it('answers a 10 MB body with 413, declared or streamed', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    await expectEnvelope(
      await post('/api/v1/test-echo', JSON.stringify({ name: big, count: 1 })),
      413,
      'payload_too_large',
    );
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(1024 * 1024)));
        controller.close();
      },
    });
    await expectEnvelope(await post('/api/v1/test-echo', chunks), 413, 'payload_too_large');
  });

  it('holds a declared Content-Length to the byte (decided without reading the body)', async () => {
    const small = await listen(buildApp({ BODY_LIMIT_BYTES: '1024' }));
    try {
      const sized = (n: number) => JSON.stringify({ name: 'x'.repeat(n - 21), count: 1 });
      expect(Buffer.byteLength(sized(1024))).toBe(1024);
      const fits = await fetch(`${small.url}/api/v1/test-echo`, {
        method: 'POST',
        body: sized(1024),
        headers: { 'content-type': 'application/json' },
      });
      expect(fits.status).toBe(200);
      expect(((await fits.json()) as { name: string }).name).toHaveLength(1003);
      const over = await fetch(`${small.url}/api/v1/test-echo`, {
        method: 'POST',
        body: sized(1025),
        headers: { 'content-type': 'application/json' },
      });
      await expectEnvelope(over, 413, 'payload_too_large');
    } finally {
      await new Promise<void>((resolve) => small.server.close(() => resolve()));
    }
  });

  it('answers an unknown route with 404', async () => {
    await expectEnvelope(await fetch(`${base}/api/v1/nothing-here`), 404, 'not_found');
    await expectEnvelope(await fetch(`${base}/nothing-here`), 404, 'not_found');
  });

  it('answers a thrown internal error with 500 and reveals nothing of it', async () => {
    const response = await fetch(`${base}/api/v1/test-boom`);
    const text = await response.clone().text();
    await expectEnvelope(response, 500, 'internal_error');
    expect(text).not.toMatch(/hunter2|secret|config\.ts|Error:|\bat /);
  });

  it('keeps a request id the client sent', async () => {
    const response = await fetch(`${base}/api/v1/nothing`, { headers: { 'x-request-id': 'client-chosen-42' } });
    expect((await expectEnvelope(response, 404, 'not_found')).error.requestId).toBe('client-chosen-42');
  });
});

describe('headers', () => {
  it('sets security headers', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('allows configured origins only', async () => {
    const allowed = await fetch(`${base}/api/v1/test-echo`, {
      method: 'OPTIONS',
      headers: { origin: 'https://allowed.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const other = await fetch(`${base}/api/v1/test-echo`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once the bucket is empty, and RateLimit headers before', async () => {
    const { server: limited, url } = await listen(buildApp({ RATE_LIMIT_PER_MINUTE: '3' }));
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`${url}/api/v1/nothing`);
        statuses.push(last.status);
        if (i === 0) expect(last.headers.get('ratelimit')).toBe('limit=3, remaining=2, reset=60');
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      await expectEnvelope(last!, 429, 'rate_limited');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('ratelimit-policy')).toBe('3;w=60');
    } finally {
      await new Promise<void>((resolve) => limited.close(() => resolve()));
    }
  });
});

describe('system routes', () => {
  it('reports liveness and readiness', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', redis: 'not configured' },
    });
  });

  it('publishes the OpenAPI document and a docs page that loads nothing from outside', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      servers: Array<{ url: string }>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: base }]);
    expect(Object.keys(doc.paths)).toContain('/api/v1/test-echo');
    const page = await (await fetch(`${base}/api/docs`)).text();
    expect(page).toContain('/api/docs/swagger-ui-bundle.js');
    expect(page).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${base}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  it('keeps the metrics to no one unless METRICS_TOKEN is set', async () => {
    for (const headers of [{}, { authorization: 'Bearer anything-at-all-1234' }] as Array<Record<string, string>>) {
      const response = await fetch(`${base}/metrics`, { headers });
      const text = await response.clone().text();
      await expectEnvelope(response, 404, 'not_found');
      expect(text).not.toContain('switchboard_');
    }
  });

  it('exports request latency by matched route to the bearer of METRICS_TOKEN only', async () => {
    const token = 'm'.repeat(20) + 'etrics';
    const scraped = await listen(buildApp({ METRICS_TOKEN: token }));
    try {
      await fetch(`${scraped.url}/api/v1/test-echo`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Ada', count: 2 }),
        headers: { 'content-type': 'application/json' },
      });
      for (const authorization of [
        undefined,
        `Bearer ${token.slice(0, -1)}`,
        `Bearer ${token}x`,
        `Basic ${token}`,
        token,
        `Bearer ${token.toUpperCase()}`,
      ]) {
        const refused = await fetch(`${scraped.url}/metrics`, { headers: authorization ? { authorization } : {} });
        const text = await refused.clone().text();
        await expectEnvelope(refused, 401, 'unauthorized');
        expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(text).not.toContain('switchboard_');
      }
      const response = await fetch(`${scraped.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(
        /switchboard_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/test-echo",status="200"\} [1-9]/,
      );
      expect(text).toContain('switchboard_jobs');
    } finally {
      await new Promise<void>((resolve) => scraped.server.close(() => resolve()));
    }
  });
});
