import { PayloadTooLargeError } from '../errors';
import type { MiddlewareHandler } from 'hono';
import { bodyLimitByLength } from './middleware';

/** Room for a multipart request's boundaries and part headers around the file it carries. */
export const MULTIPART_FRAMING = 64 * 1024;

/** A POST route whose body may be larger than BODY_LIMIT_BYTES (a module declares it). */
export interface BodyLimit {
  /** The path as the client sends it: exact, or a pattern for paths with parameters. */
  path: string | RegExp;
  /** The largest payload accepted, as the 413 answer states it. */
  bytes: number;
  /** Extra bytes allowed around the payload (MULTIPART_FRAMING for uploads). */
  framing: number;
}

/**
 * One middleware for the API's request bodies: BODY_LIMIT_BYTES, except on the POST routes
 * that declared their own limit.
 */
export function apiBodyLimits(defaultBytes: number, limits: readonly BodyLimit[]): MiddlewareHandler {
  const limiter = (bytes: number, framing: number) =>
    bodyLimitByLength(bytes + framing, () => {
      throw new PayloadTooLargeError(bytes);
    });
  const fallback = limiter(defaultBytes, 0);
  const special = limits.map((limit) => ({
    matches:
      typeof limit.path === 'string'
        ? (path: string) => path === limit.path
        : (path: string) => (limit.path as RegExp).test(path),
    handler: limiter(limit.bytes, limit.framing),
  }));
  return (c, next) => {
    if (c.req.method === 'POST') {
      const path = c.req.path;
      for (const limit of special) if (limit.matches(path)) return limit.handler(c, next);
    }
    return fallback(c, next);
  };
}
