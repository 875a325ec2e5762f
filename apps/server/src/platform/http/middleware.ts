import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { RateLimiter } from '../ratelimit';
import { describeActor } from '../tenancy/context';
import { LimitExceededError } from '../errors';
import type { AppEnv } from './env';

/** A child logger per request, and one access-log line when it ends. */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const child = log.child({ requestId: c.get('requestId') });
    c.set('log', child);
    await next();
    const actor = c.get('actor');
    child.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenantId: c.get('tenantId'),
        actor: actor ? describeActor(actor) : undefined,
      },
      'request',
    );
  };
}

/** Latency by matched route pattern (not raw path, which would explode the label set). */
export function httpMetrics(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const end = metrics.httpDuration.startTimer();
    await next();
    let route = 'unmatched';
    try {
      route = routePath(c);
    } catch {
      /* no route matched */
    }
    if (c.res.status === 404 && route.endsWith('*')) route = 'unmatched';
    end({ method: c.req.method, route, status: String(c.res.status) });
  };
}

export interface RateLimitMiddlewareOptions {
  limiter: RateLimiter;
  /** The bucket; defaults to the client IP. */
  key?: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string;
  onLimited?: (c: Parameters<MiddlewareHandler<AppEnv>>[0], key: string) => void;
}

/** Counts the request and answers 429 with Retry-After when the bucket is empty. */
export function rateLimit(options: RateLimitMiddlewareOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = options.key?.(c) ?? c.get('ip');
    const decision = await options.limiter.consume(key);
    c.header('RateLimit-Policy', `${decision.limit};w=${decision.windowSeconds}`);
    c.header('RateLimit', `limit=${decision.limit}, remaining=${decision.remaining}, reset=${decision.resetSeconds}`);
    if (!decision.allowed) {
      options.onLimited?.(c, key);
      throw new LimitExceededError(
        'Too many requests. Wait before trying again.',
        decision.resetSeconds,
        'rate_limited',
      );
    }
    await next();
  };
}

/**
 * A body size limit that decides from Content-Length when the request declares one (HTTP/1.1
 * then never delivers more than that), without touching the body. Hono's bodyLimit reads
 * `c.req.raw.body` first, and on the Node adapter that builds a whole web Request with a stream
 * around the socket, so the route's JSON is then read through web streams instead of straight
 * from the socket, a cost every chat request would pay. Bodies without a length (chunked) go
 * through Hono's bodyLimit, which counts as it reads.
 */
export function bodyLimitByLength(maxSize: number, tooLarge: () => never): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    // Nothing reads a GET's body (a web Request cannot even carry one).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number.parseInt(declared, 10) > maxSize) tooLarge();
    return next();
  };
}
