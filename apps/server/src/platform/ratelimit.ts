import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window frees a point. */
  resetSeconds: number;
  windowSeconds: number;
}

export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  consume(key: string, points?: number): Promise<RateDecision>;
  /** The bucket's state without spending a point. */
  peek(key: string): Promise<RateDecision>;
  /** Empties the bucket (e.g. failures forgiven after a successful sign-in). */
  reset(key: string): Promise<void>;
  /** Gives back points spent ahead of an outcome that turned out not to count. */
  refund(key: string, points?: number): Promise<void>;
}

export interface RateLimitOptions {
  /** Names the limiter in Redis keys: `sb:rl:<name>:<key>`. */
  name: string;
  points: number;
  windowSeconds: number;
  /** Optional block after exhaustion (login throttling). */
  blockSeconds?: number;
}

/**
 * A limiter counted in this process, or in Redis when one is configured so that every
 * server shares the count. If Redis fails mid-flight the count falls back to this process
 * rather than refusing or waving through every request.
 */
export function createRateLimiter(options: RateLimitOptions, redis?: Redis | null): RateLimiter {
  const common = {
    keyPrefix: `sb:rl:${options.name}`,
    points: options.points,
    duration: options.windowSeconds,
    blockDuration: options.blockSeconds ?? 0,
  };
  const memory = new RateLimiterMemory(common);
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...common, storeClient: redis, insuranceLimiter: new RateLimiterMemory(common) })
    : memory;
  const decision = (res: RateLimiterRes, allowed: boolean): RateDecision => ({
    allowed,
    limit: options.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    windowSeconds: options.windowSeconds,
  });
  return {
    kind: redis ? 'redis' : 'memory',
    async consume(key, points = 1) {
      try {
        return decision(await limiter.consume(key, points), true);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return decision(rejection, false);
        throw rejection;
      }
    },
    async peek(key) {
      const res = await limiter.get(key);
      if (!res)
        return {
          allowed: true,
          limit: options.points,
          remaining: options.points,
          resetSeconds: 0,
          windowSeconds: options.windowSeconds,
        };
      return decision(res, res.consumedPoints < options.points);
    },
    async reset(key) {
      await limiter.delete(key);
    },
    async refund(key, points = 1) {
      await limiter.reward(key, points);
    },
  };
}
