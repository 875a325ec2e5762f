import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import type { Context, Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Database } from '../db/database';
import type { Metrics } from '../metrics';
import { envelope } from './error-handler';
import type { AppEnv } from './env';

export interface SystemDeps {
  config: { METRICS_TOKEN?: string | undefined };
  database: Database;
  redis: Redis | null;
  metrics: Metrics;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Metrics name every route, the admin ones included, and the job queues' load: for the
 * scraper only. Without METRICS_TOKEN nothing is served (404, as if the route did not exist);
 * with it, the token must come as `Authorization: Bearer …` (401 otherwise). Compared as
 * digests, in constant time, so neither its length nor its content leaks through timing.
 */
function metricsRefusal(c: Context<AppEnv>, token: string | undefined): Response | null {
  if (!token) return envelope(c, 404, 'not_found', 'Not found. Metrics are served only when METRICS_TOKEN is set.');
  const [scheme, given] = (c.req.header('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() === 'bearer' && given && timingSafeEqual(digest(given), digest(token))) return null;
  c.header('WWW-Authenticate', 'Bearer realm="metrics"');
  return envelope(c, 401, 'unauthorized', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.');
}

/** Liveness, readiness and Prometheus metrics. Not rate limited, not documented in the API. */
export function mountSystemRoutes(app: Hono<AppEnv>, deps: SystemDeps): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const checks: Record<string, string> = {};
    const failures: string[] = [];
    try {
      await withTimeout(deps.database.pool.query('SELECT 1'), 2000);
      checks.database = 'ok';
    } catch (error) {
      checks.database = `unreachable: ${(error as Error).message}`;
      failures.push('database');
    }
    if (deps.redis) {
      try {
        await withTimeout(deps.redis.ping(), 2000);
        checks.redis = 'ok';
      } catch (error) {
        checks.redis = `unreachable: ${(error as Error).message}`;
        failures.push('redis');
      }
    } else {
      checks.redis = 'not configured';
    }
    if (failures.length) return envelope(c, 503, 'not_ready', `Not ready: ${failures.join(', ')} unreachable.`, checks);
    return c.json({ status: 'ready', checks });
  });

  app.get('/metrics', async (c) => {
    const refusal = metricsRefusal(c, deps.config.METRICS_TOKEN);
    if (refusal) return refusal;
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });
}

const require = createRequire(import.meta.url);
const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard API</title><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true,
  persistAuthorization: true, tryItOutEnabled: true });`;

/** The API reference, served from the installed swagger-ui-dist: nothing loads from a CDN. */
export function mountDocs(app: Hono<AppEnv>): void {
  app.get('/api/docs', (c) => c.html(DOCS_HTML));
  app.get('/api/docs/init.js', (c) => c.body(DOCS_INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/api/docs/:file', async (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_FILES[file];
    if (!type) return envelope(c, 404, 'not_found', 'Not found.');
    const body = await fs.promises.readFile(path.join(SWAGGER_DIR, file));
    return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
}
