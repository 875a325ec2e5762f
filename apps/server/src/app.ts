import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './platform/app-deps';
import { apiBodyLimits } from './platform/http/body-limits';
import type { App } from './platform/http/env';
import { clientIp } from './platform/http/client-ip';
import { envelope, handleError } from './platform/http/error-handler';
import { guardRawBody, refuseNulInUrl } from './platform/http/input-guard';
import { httpMetrics, rateLimit, requestLog } from './platform/http/middleware';
import { openApiDocument } from './platform/http/openapi-document';
import { createRouter } from './platform/http/router';
import { mountDocs, mountSystemRoutes } from './platform/http/system-routes';
import { mountStatic } from './platform/http/static-routes';
import { createStreamSlots } from './platform/http/stream-slots';
import { createRateLimiter } from './platform/ratelimit';
import { reportSecurityEvent } from './platform/security-events';
import { modules } from './modules';

export type { AppDeps };

/**
 * The modules' start-up side effects (authentication, defaults they share): once per
 * process, before createApp, whether or not it serves HTTP.
 */
export function startModules(deps: AppDeps): void {
  for (const module of modules) module.start?.(deps);
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
  // BODY_LIMIT_BYTES, except on the upload routes whose modules declare their own.
  app.use(
    '/api/*',
    apiBodyLimits(
      config.BODY_LIMIT_BYTES,
      modules.flatMap((module) => module.bodyLimits?.(config) ?? []),
    ),
  );
  const apiLimiter = createRateLimiter(
    { name: 'api', points: config.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
    deps.redis,
  );
  app.use(
    '/api/*',
    rateLimit({
      limiter: apiLimiter,
      onLimited: (c) =>
        reportSecurityEvent({ kind: 'rate_limited', ip: c.get('ip'), detail: { path: c.req.path, limiter: 'api' } }),
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
  let document: ReturnType<typeof openApiDocument> | null = null;
  app.get('/api/openapi.json', (c) => {
    document ??= openApiDocument(app);
    // Without APP_URL, the address the caller used is the right one (and knows the port).
    return c.json({ ...document, servers: [{ url: config.APP_URL ?? new URL(c.req.url).origin }] });
  });
  for (const module of modules) if (module.routes) app.route('/', module.routes(deps));
  mountStatic(app);

  app.notFound((c) => envelope(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError(handleError);
  return app;
}
