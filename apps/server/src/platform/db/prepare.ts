import type pg from 'pg';
import type { Logger } from '../log';
import { migrate, type Migration, type MigrationResult } from './migrate';
import type { JobDefinition } from '../jobs/define';
import { JobQueue } from '../jobs/queue';

/** Brings a database up to date: our migrations, then the job queue's schema and queues. */
export async function prepareDatabase(
  pool: pg.Pool,
  migrations: readonly Migration[],
  jobs: readonly JobDefinition<any>[],
  log: Logger,
): Promise<MigrationResult> {
  const result = await migrate(pool, migrations);
  if (result.applied.length) log.info({ applied: result.applied }, 'database migrated');
  await new JobQueue(pool, jobs, log).install();
  return result;
}
