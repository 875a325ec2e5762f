/**
 * The backends a Redis-capable component is tested on: always in-process, and Redis too
 * when TEST_REDIS_URL is set (CI requires it; see test/global-setup.ts).
 */
export interface Backend {
  kind: 'memory' | 'redis';
  url?: string;
}

export function redisBackends(): Backend[] {
  const url = process.env.TEST_REDIS_URL;
  return url ? [{ kind: 'memory' }, { kind: 'redis', url }] : [{ kind: 'memory' }];
}
