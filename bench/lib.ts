import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../apps/server/src/platform/db/database';
import { prepareDatabase } from '../apps/server/src/platform/db/prepare';
import { createLogger } from '../apps/server/src/platform/log';
import { allJobs, migrations } from '../apps/server/src/registry';

export type DbMode = 'embedded' | 'postgres';

export interface BenchResult {
  suite: string;
  name: string;
  mode: DbMode | 'n/a';
  /** Named measurements, e.g. { p50Ms, p95Ms, overheadPct }. */
  metrics: Record<string, number>;
  /** Human budget and whether it was met, when the benchmark has one. */
  budget?: string;
  withinBudget?: boolean;
  note?: string;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

export interface BenchContext {
  modes: DbMode[];
  /** The PostgreSQL server of postgres mode (BENCH_DATABASE_URL or TEST_DATABASE_URL). */
  postgresUrl: string | undefined;
  /** Opens a fresh, migrated database of this mode; closing drops it. */
  freshDatabase(mode: DbMode): Promise<{ database: Database; close(): Promise<void> }>;
  /**
   * An empty data directory and, in PostgreSQL mode, an empty database, for a whole runtime
   * to boot on (as `switchboard start` does): `env` is its configuration; closing removes both.
   */
  freshInstallation(mode: DbMode): Promise<{ env: Record<string, string>; close(): Promise<void> }>;
  log(line: string): void;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    meanMs: round(mean),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

export async function time<T>(fn: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const quiet = createLogger('silent');

/** A new, empty database on the PostgreSQL server (for a benchmark that starts its own server). */
export async function createPostgresDatabase(postgresUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function createContext(modes: DbMode[], postgresUrl: string | undefined): BenchContext {
  return {
    modes,
    postgresUrl,
    log: (line) => process.stderr.write(`  ${line}\n`),
    async freshInstallation(mode) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
      const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
      const embeddedEnv: Record<string, string> = { DATA_DIR: dataDir };
      if (mode === 'embedded') return { env: embeddedEnv, close: removeDir };
      if (!postgresUrl) throw new Error('postgres mode needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
      const { url, drop } = await createPostgresDatabase(postgresUrl);
      return {
        env: { DATA_DIR: dataDir, DATABASE_URL: url },
        async close() {
          await drop();
          await removeDir();
        },
      };
    },
    async freshDatabase(mode) {
      if (mode === 'postgres') {
        if (!postgresUrl) throw new Error('postgres mode needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
        const fresh = await createPostgresDatabase(postgresUrl);
        const database = await openDatabase({ mode: 'postgres', dataDir: '', databaseUrl: fresh.url, poolSize: 10 });
        await prepareDatabase(database.pool, migrations, allJobs, quiet);
        return {
          database,
          async close() {
            await database.close();
            await fresh.drop();
          },
        };
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
      const database = await openDatabase({ mode: 'embedded', dataDir });
      await prepareDatabase(database.pool, migrations, allJobs, quiet);
      return {
        database,
        async close() {
          await database.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}
