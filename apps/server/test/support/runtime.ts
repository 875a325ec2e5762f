import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/log';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime';
import { cloneTestDatabase, type TestDatabaseClone } from './database';

export interface TestRuntime {
  runtime: Runtime;
  clone: TestDatabaseClone;
  /** http://127.0.0.1:<port> */
  url: string;
  /** fetch against the running server. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The whole platform, booted as `switchboard start` boots it, on a cloned test database
 * and a free port. `env` overrides configuration (e.g. REDIS_URL, RATE_LIMIT_PER_MINUTE).
 */
let active = false;

/**
 * The runtime keeps process-wide holders (database, authentication, jobs): one runtime per
 * test file. A file that needs other settings is another file.
 */
export async function startTestRuntime(
  env: Record<string, string> = {},
  options: RuntimeOptions = { http: true, work: true },
  clone?: TestDatabaseClone,
): Promise<TestRuntime> {
  if (active) throw new Error('One test runtime per test file: put tests needing other settings in their own file');
  active = true;
  const db = clone ?? (await cloneTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The local embedding model only where a test asks for it (EMBEDDING_MODEL: 'local' or ''):
    // building its table costs seconds of CPU that other tests need not pay.
    EMBEDDING_MODEL: 'none',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl, DATABASE_POOL_SIZE: '5' } : {}),
    ...env,
  });
  const runtime = await startRuntime(config, createLogger(config.LOG_LEVEL), options);
  const url = `http://127.0.0.1:${runtime.port}`;
  return {
    runtime,
    clone: db,
    url,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    async stop() {
      await runtime.stop();
      active = false;
      if (!clone) await db.drop();
    },
  };
}

/** One runtime for the whole test file. */
export function useTestRuntime(env: Record<string, string> = {}): { readonly current: TestRuntime } {
  let handle: TestRuntime | undefined;
  beforeAll(async () => {
    handle = await startTestRuntime(env);
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return {
    get current() {
      if (!handle) throw new Error('The test runtime is not started yet');
      return handle;
    },
  };
}
