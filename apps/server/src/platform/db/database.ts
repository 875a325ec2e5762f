import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock';
import { startEmbeddedDatabase, type EmbeddedServer } from './embedded';

export type DbMode = 'embedded' | 'postgres';

export interface Database {
  readonly mode: DbMode;
  readonly pool: pg.Pool;
  /** Where the data lives, for the start-up banner (no credentials). */
  readonly describe: string;
  /** Fires when the embedded database thread dies. */
  onFatal(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  mode: DbMode;
  dataDir: string;
  databaseUrl?: string | undefined;
  poolSize?: number;
  /** Skip the data directory lock (tests that manage their own directories). */
  skipLock?: boolean;
}

// pg returns int8 as a string to keep precision; counts and ids we use fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.mode === 'postgres') return openPostgres(options.databaseUrl!, options.poolSize ?? 10);
  return openEmbedded(options.dataDir, options.skipLock ?? false);
}

function openPostgres(connectionString: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: 'switchboard',
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    // A connection holds this process's prepared statements and their generic plans; pg-pool's
    // default (closing one idle for 10 s) made a quiet server reconnect, re-prepare and re-plan
    // on a chat turn's path whenever a conversation paused for longer. Idle five minutes, it goes.
    idleTimeoutMillis: 300_000,
  });
  const fatal: Array<(error: Error) => void> = [];
  // A broken idle connection is replaced by the pool; it is not fatal.
  pool.on('error', () => undefined);
  const url = new URL(connectionString);
  return {
    mode: 'postgres',
    pool,
    describe: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    onFatal: (listener) => fatal.push(listener),
    close: () => pool.end(),
  };
}

async function openEmbedded(dataDir: string, skipLock: boolean): Promise<Database> {
  const lock: DataDirLock | null = skipLock ? null : acquireDataDirLock(dataDir);
  let server: EmbeddedServer;
  try {
    server = await startEmbeddedDatabase(dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  // One connection, kept open: the socket serves one client at a time (see pglite-worker).
  const pool = new pg.Pool({
    host: server.socketDir,
    port: server.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    idleTimeoutMillis: 0,
  });
  pool.on('error', () => undefined);
  let closed = false;
  return {
    mode: 'embedded',
    pool,
    describe: `embedded PGlite in ${dataDir}`,
    onFatal: (listener) => server.onCrash(listener),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await server.stop();
      lock?.release();
    },
  };
}
