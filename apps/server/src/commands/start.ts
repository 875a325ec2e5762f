import type { Config } from '../platform/config';
import { createLogger } from '../platform/log';
import { startRuntime } from '../runtime';
import { keepRunning } from './lifecycle';

export async function runStart(config: Config): Promise<'running'> {
  const log = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, log, { http: true, work: config.RUN_WORKER });
  keepRunning(runtime);
  const url = config.appUrl;
  log.info({ url, database: runtime.database.describe, redis: Boolean(runtime.redis), worker: config.RUN_WORKER }, 'switchboard started');
  console.log(
    [
      '',
      `  Switchboard is running: open ${url}`,
      `  API reference:          ${url}/api/docs`,
      `  Database:               ${runtime.database.describe}`,
      `  Realtime and limits:    ${runtime.redis ? 'Redis' : 'in this process'}`,
      '',
    ].join('\n'),
  );
  return 'running';
}
