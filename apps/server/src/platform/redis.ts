import { Redis } from 'ioredis';
import type { Logger } from './log';

/** A Redis client for commands (rate limits, caches); pub/sub uses its own connections. */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  redis.on('error', (error) => log.warn({ err: error }, 'redis error'));
  await redis.connect();
  return redis;
}

export type { Redis };
