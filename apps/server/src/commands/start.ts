import type { Config } from '../platform/config';
import { buildNotice, missingBuilds } from '../platform/http/static-routes';
import { createLogger } from '../platform/log';
import { startRuntime } from '../runtime';
import { keepRunning } from './lifecycle';

/** What `switchboard start` prints once it listens; a missing dashboard or widget build is said here, not discovered as a 404. */
export function startBanner(facts: {
  url: string;
  database: string;
  redis: boolean;
  missing: ReadonlyArray<'dashboard' | 'widget'>;
}): string {
  const notice = buildNotice(facts.missing);
  return [
    '',
    `  Switchboard is running: open ${facts.url}`,
    `  API reference:          ${facts.url}/api/docs`,
    `  Database:               ${facts.database}`,
    `  Realtime and limits:    ${facts.redis ? 'Redis' : 'in this process'}`,
    ...(notice ? ['', `  ${notice}`] : []),
    '',
  ].join('\n');
}

export async function runStart(config: Config): Promise<'running'> {
  const log = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, log, { http: true, work: config.RUN_WORKER });
  keepRunning(runtime);
  const url = config.appUrl;
  const missing = missingBuilds();
  log.info(
    {
      url,
      database: runtime.database.describe,
      redis: Boolean(runtime.redis),
      worker: config.RUN_WORKER,
      notBuilt: missing,
    },
    'switchboard started',
  );
  console.log(startBanner({ url, database: runtime.database.describe, redis: Boolean(runtime.redis), missing }));
  return 'running';
}
