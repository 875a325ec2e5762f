import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { redisBackends } from '../../test/support/redis';
import { createLogger } from './log';
import { createRateLimiter } from './ratelimit';
import { connectRedis, type Redis } from './redis';

const clients: Redis[] = [];
afterAll(async () => {
  for (const client of clients) await client.quit();
});

describe('rate limiter', () => {
  for (const backend of redisBackends()) {
    describe(backend.kind, () => {
      async function limiter(points: number) {
        const redis = backend.kind === 'redis' ? await connectRedis(backend.url!, createLogger('silent')) : null;
        if (redis) clients.push(redis);
        // A fresh name per test: Redis is shared with the other test files.
        return createRateLimiter({ name: `test-${randomUUID()}`, points, windowSeconds: 60 }, redis);
      }

      it('gives back refunded points, and only those', async () => {
        const bucket = await limiter(2);
        expect((await bucket.consume('k')).allowed).toBe(true);
        expect((await bucket.consume('k')).allowed).toBe(true);
        expect((await bucket.consume('k')).allowed).toBe(false);
        // The refused attempt spent a point too: two refunds bring one back.
        await bucket.refund('k');
        await bucket.refund('k');
        expect((await bucket.peek('k')).remaining).toBe(1);
        expect((await bucket.consume('k')).allowed).toBe(true);
        expect((await bucket.consume('k')).allowed).toBe(false);
        expect((await bucket.peek('other')).remaining).toBe(2);
      });

      it('empties a bucket on reset', async () => {
        const bucket = await limiter(1);
        await bucket.consume('k');
        expect((await bucket.peek('k')).allowed).toBe(false);
        await bucket.reset('k');
        expect((await bucket.consume('k')).allowed).toBe(true);
      });
    });
  }
});
