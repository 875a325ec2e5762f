import { defineConfig } from 'vitest/config';

/**
 * Projects:
 * - server: every server test on the embedded database (PGlite, real PostgreSQL 18).
 * - server-postgres: the database suites (*.db.test.ts) again on TEST_DATABASE_URL.
 * - dashboard: unit tests of the dashboard's pure parts (diffs, SSE reading, safe rendering), in Node.
 * - widget: unit tests of the widget's parts (SSE reading, safe rendering), in Node.
 * - e2e: browser tests in Debian's Chromium against the built app.
 * Under CI=true a missing TEST_DATABASE_URL or TEST_REDIS_URL fails the run (test/global-setup).
 */
const withPostgres = Boolean(process.env.TEST_DATABASE_URL) || process.env.CI === 'true';

const serverProject = (name: string, include: string[], env: Record<string, string>) => ({
  extends: true as const,
  test: {
    name,
    include,
    env,
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      serverProject('server', ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'], {
        SB_TEST_DB: 'embedded',
      }),
      ...(withPostgres
        ? [serverProject('server-postgres', ['apps/server/**/*.db.test.ts'], { SB_TEST_DB: 'postgres' })]
        : []),
      { extends: true as const, test: { name: 'dashboard', include: ['apps/dashboard/src/**/*.test.{ts,tsx}'] } },
      { extends: true as const, test: { name: 'widget', include: ['apps/widget/src/**/*.test.ts'] } },
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
