import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database';
import { setDatabase } from '../../src/platform/db/current';

export type TestDbMode = 'embedded' | 'postgres';

export function testDbMode(): TestDbMode {
  return process.env.SB_TEST_DB === 'postgres' ? 'postgres' : 'embedded';
}

export interface TestDatabase {
  database: Database;
  /** Data directory of the clone (embedded) or a fresh temporary one (postgres). */
  dataDir: string;
  /** DATABASE_URL of the clone in postgres mode, else undefined. */
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

export interface TestDatabaseClone {
  /** DATA_DIR for the clone: holds the PGlite files (embedded) or is empty (postgres). */
  dataDir: string;
  /** DATABASE_URL of the clone in postgres mode, else undefined. */
  databaseUrl: string | undefined;
  /** Removes the clone; the database must be closed first. */
  drop(): Promise<void>;
}

/** A migrated database of its own, cloned from the run's template, not yet opened. */
export async function cloneTestDatabase(): Promise<TestDatabaseClone> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-test-'));
  if (testDbMode() === 'postgres') {
    const adminUrl = inject('pgAdminUrl');
    const name = `sb_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      dataDir,
      databaseUrl: url.toString(),
      async drop() {
        const drop = new pg.Client({ connectionString: adminUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  fs.cpSync(inject('templateDataDir'), dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'ready'), { force: true });
  return {
    dataDir,
    databaseUrl: undefined,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A cloned database, opened. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const clone = await cloneTestDatabase();
  const database = await openDatabase(
    clone.databaseUrl
      ? { mode: 'postgres', dataDir: clone.dataDir, databaseUrl: clone.databaseUrl, poolSize: 5 }
      : { mode: 'embedded', dataDir: clone.dataDir },
  );
  return {
    database,
    dataDir: clone.dataDir,
    databaseUrl: clone.databaseUrl,
    async close() {
      await database.close();
      await clone.drop();
    },
  };
}

/** Opens a database for this test file and makes it the process's current one. */
export function useTestDatabase(): { readonly current: TestDatabase } {
  let handle: TestDatabase | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    setDatabase(handle.database);
  });
  afterAll(async () => {
    setDatabase(null);
    await handle?.close();
  });
  return {
    get current() {
      if (!handle) throw new Error('The test database is not open yet');
      return handle;
    },
  };
}
