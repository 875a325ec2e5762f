import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Redis } from 'ioredis';
import type { SecretKey } from './platform/crypto';
import type { Config } from './platform/config';
import type { Database } from './platform/db/database';
import { PayloadTooLargeError, ValidationError } from './platform/errors';
import type { App, AppEnv } from './platform/http/env';
import { clientIp } from './platform/http/client-ip';
import { envelope, handleError, zodDetails } from './platform/http/error-handler';
import { assertStorable, guardRawBody, refuseNulInUrl } from './platform/http/input-guard';
import { bodyLimitByLength, httpMetrics, rateLimit, requestLog } from './platform/http/middleware';
import { mountDocs, mountSystemRoutes } from './platform/http/system-routes';
import { mountStatic } from './platform/http/static-routes';
import { createStreamSlots } from './platform/http/stream-slots';
import type { Logger } from './platform/log';
import type { Metrics } from './platform/metrics';
import { createRateLimiter } from './platform/ratelimit';
import { reportSecurityEvent } from './platform/security-events';
import { modules } from './modules';
import { ATTACHMENT_UPLOAD } from './modules/widget';
import { largestUploadLimit } from './modules/knowledge';

export interface AppDeps {
  config: Config;
  log: Logger;
  database: Database;
  redis: Redis | null;
  metrics: Metrics;
  secretKey: SecretKey;
  /** The port actually listened on (null when not serving HTTP). */
  port?: number | null;
}

export const API_VERSION = '0.1.0';

/**
 * An OpenAPIHono whose validation failures become the 400 envelope with zod's issues, and
 * whose validated input (params, query, body) holds only text the database can store.
 */
export function createRouter(): App {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError('The request is not valid.', zodDetails(result.error));
      assertStorable(result.data);
    },
  });
}

export function createApp(deps: AppDeps): App {
  const { config } = deps;
  const app = createRouter();

  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  const streamSlots = createStreamSlots(config, deps.metrics.registry);
  app.use('*', async (c, next) => {
    c.set('ip', clientIp(c, config.TRUST_PROXY));
    c.set('streamSlots', streamSlots);
    await next();
  });
  app.use('*', requestLog(deps.log));
  app.use('*', httpMetrics(deps.metrics));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      strictTransportSecurity: config.appUrl.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: false,
      // A route that sets its own policy keeps it (the hosted chat page's frame-ancestors,
      // attachments' sandbox); everything else gets the strict default above.
      overwrite: false,
    }),
  );
  app.use(
    '/api/v1/*',
    cors({
      origin: (origin) => (config.CORS_ORIGINS.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept', 'X-Conversation-Id'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Conversation-Id'],
      maxAge: 600,
    }),
  );
  app.use('*', refuseNulInUrl);
  const apiBodyLimit = bodyLimitByLength(config.BODY_LIMIT_BYTES, () => {
    throw new PayloadTooLargeError(config.BODY_LIMIT_BYTES);
  });
  // File uploads are the one exception: up to the upload cap, plus room for the multipart framing.
  const uploadBodyLimit = bodyLimitByLength(largestUploadLimit(config) + 64 * 1024, () => {
    throw new PayloadTooLargeError(largestUploadLimit(config));
  });
  const attachmentBodyLimit = bodyLimitByLength(config.WIDGET_MAX_ATTACHMENT_BYTES + 64 * 1024, () => {
    throw new PayloadTooLargeError(config.WIDGET_MAX_ATTACHMENT_BYTES);
  });
  app.use('/api/*', (c, next) => {
    if (c.req.method !== 'POST') return apiBodyLimit(c, next);
    if (c.req.path === '/api/v1/knowledge/sources/upload') return uploadBodyLimit(c, next);
    if (ATTACHMENT_UPLOAD.test(c.req.path)) return attachmentBodyLimit(c, next);
    return apiBodyLimit(c, next);
  });
  const apiLimiter = createRateLimiter(
    { name: 'api', points: config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
    deps.redis,
  );
  app.use(
    '/api/*',
    rateLimit({
      limiter: apiLimiter,
      onLimited: (c) => reportSecurityEvent({ kind: 'rate_limited', ip: c.get('ip'), detail: { path: c.req.path, limiter: 'api' } }),
    }),
  );

  // The sign-in library reads its bodies itself: checked here as our schemas check ours.
  app.use('/api/auth/*', guardRawBody);

  mountSystemRoutes(app, deps);
  mountDocs(app);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A workspace API key: `Authorization: Bearer sb_live_…`',
  });
  // Built once, on first request (every route is mounted by then): building it walks every
  // route's schemas, and the route is public. Only the server address differs per request.
  let document: ReturnType<typeof app.getOpenAPI31Document> | null = null;
  app.get('/api/openapi.json', (c) => {
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: API_VERSION,
        description:
          'REST API of a Switchboard installation. Every failure answers `{ "error": { "code", "message", "requestId", "details"? } }`.',
      },
    });
    // Without APP_URL, the address the caller used is the right one (and knows the port).
    return c.json({ ...document, servers: [{ url: config.APP_URL ?? new URL(c.req.url).origin }] });
  });
  for (const module of modules) module.mount?.(app, deps);
  mountStatic(app);

  app.notFound((c) => envelope(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError(handleError);
  return app;
}
