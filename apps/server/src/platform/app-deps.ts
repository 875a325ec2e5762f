import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { SecretKey } from './crypto';
import type { Database } from './db/database';
import type { Logger } from './log';
import type { Metrics } from './metrics';

/**
 * What the composition root (app.ts, runtime.ts) hands the modules when they start and
 * build their routes. It lives in platform/ so that modules never import the file that
 * assembles them.
 */
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
