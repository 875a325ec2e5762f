import type { Config } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { DataDirInUseError, dataDirHolder } from '../platform/db/lock';
import { prepareDatabase } from '../platform/db/prepare';
import { createLogger } from '../platform/log';
import { allJobs, migrations } from '../registry';
import { dataDirOrigin, hasEmbeddedDatabase } from './with-runtime';

export async function runMigrate(config: Config): Promise<number> {
  const holder = config.dbMode === 'embedded' ? dataDirHolder(config.dataDir) : null;
  if (holder !== null) {
    console.error(
      `${new DataDirInUseError(config.dataDir, holder).message} (A running server applies migrations when it starts.)`,
    );
    return 1;
  }
  const isNew = config.dbMode === 'embedded' && !hasEmbeddedDatabase(config.dataDir);
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openDatabase({
    mode: config.dbMode,
    dataDir: config.dataDir,
    databaseUrl: config.DATABASE_URL,
    poolSize: 2,
  });
  try {
    const result = await prepareDatabase(database.pool, migrations, allJobs, log);
    const where = isNew ? `a new database, ${database.describe} (${dataDirOrigin()})` : database.describe;
    console.log(
      result.applied.length
        ? `Applied ${result.applied.length} migration(s) to ${where}: ${result.applied.join(', ')}`
        : `The database (${where}) is up to date (${result.alreadyApplied} migrations applied before).`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
