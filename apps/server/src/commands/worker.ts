import type { Config } from '../platform/config';
import { createLogger } from '../platform/log';
import { startRuntime } from '../runtime';
import { keepRunning } from './lifecycle';

export async function runWorker(config: Config): Promise<number | 'running'> {
  if (config.dbMode === 'embedded') {
    console.error(
      'switchboard worker needs DATABASE_URL: with the embedded database, `switchboard start` runs the jobs itself.',
    );
    return 1;
  }
  const log = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, log, { http: false, work: true });
  keepRunning(runtime);
  log.info({ database: runtime.database.describe }, 'switchboard worker started');
  return 'running';
}
