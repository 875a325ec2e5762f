import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bundleChild, startChild } from '../../../test/support/child';
import { cloneTestDatabase, createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { openDatabase, type Database } from '../db/database';
import { setDatabase } from '../db/current';
import { createLogger } from '../log';
import { withTenant } from '../tenancy';
import { createTenant } from '../../modules/tenants';
import { defineJob } from './define';
import { JobQueue } from './queue';
import { enqueue } from './index';

const TEST_TABLES = `
  CREATE TABLE IF NOT EXISTS test_job_attempts (job_id text NOT NULL, marker text NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS test_job_effects (job_id text PRIMARY KEY, marker text NOT NULL);`;

const until = async (check: () => Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe('jobs in one process', () => {
  let db: TestDatabase;
  let queue: JobQueue;
  let tenantId: string;
  const ran: string[] = [];
  const job = defineJob({
    name: 'test.remember',
    data: z.object({ value: z.string() }),
    async handler({ value }) {
      ran.push(value);
    },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    setDatabase(db.database);
    queue = new JobQueue(db.database.pool, [job], createLogger('silent'));
    await queue.start({ work: true, recoverOrphans: false });
    const { setJobQueue } = await import('./index');
    setJobQueue(queue);
    tenantId = (await createTenant({ name: 'Jobs' })).id;
  });
  afterAll(async () => {
    await queue.stop();
    setDatabase(null);
    await db.close();
  });

  it('runs a job enqueued in a committed transaction', async () => {
    await withTenant({ tenantId }, (tx) => enqueue(tx, job, { value: 'committed' }));
    expect(await until(async () => ran.includes('committed'))).toBe(true);
  });

  it('never runs a job whose transaction rolled back', async () => {
    let id: string | null = null;
    await withTenant({ tenantId }, async (tx) => {
      id = await enqueue(tx, job, { value: 'rolled-back' });
      throw new Error('undo');
    }).catch(() => undefined);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await withTenant({ tenantId }, (tx) => enqueue(tx, job, { value: 'after' }));
    expect(await until(async () => ran.includes('after'))).toBe(true);
    expect(ran).not.toContain('rolled-back');
    const { rows } = await db.database.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });

  it('runs a delayed job when it falls due, not at the next safety-net poll', async () => {
    await withTenant({ tenantId }, (tx) => enqueue(tx, job, { value: 'delayed' }, { startAfterSeconds: 1 }));
    // Nothing wakes the worker at commit for a job not yet due: the due-queue tick must, well
    // before the workers' own 30-second poll.
    expect(await until(async () => ran.includes('delayed'), 10_000)).toBe(true);
  });

  it('runs a job another process sent, with no wake-up of this one', async () => {
    // As another process's send: the row appears, and nothing here is told.
    await db.database.pool.query(
      `INSERT INTO pgboss.job (name, data) VALUES ('test.remember', '{"value":"foreign"}'::jsonb)`,
    );
    expect(await until(async () => ran.includes('foreign'), 10_000)).toBe(true);
  });

  it('validates job data when it is enqueued', async () => {
    await expect(withTenant({ tenantId }, (tx) => enqueue(tx, job, { value: 42 } as never))).rejects.toThrow();
  });

  it('leaves the tenant role in place after enqueueing', async () => {
    const role = await withTenant({ tenantId }, async (tx) => {
      await enqueue(tx, job, { value: 'role-check' });
      return (await tx.query<{ r: string }>('SELECT current_user AS r')).rows[0]!.r;
    });
    expect(role).toBe('switchboard_app');
  });
});

describe('jobs across a crash', () => {
  let child: string;
  beforeAll(async () => {
    child = await bundleChild(path.resolve(import.meta.dirname, '../../../test/fixtures/crash-child.ts'));
  });

  /** Opens the clone briefly (the embedded database admits one process at a time). */
  async function withDb<T>(
    clone: { dataDir: string; databaseUrl: string | undefined },
    fn: (db: Database) => Promise<T>,
  ) {
    const db = await openDatabase(
      clone.databaseUrl
        ? { mode: 'postgres', dataDir: clone.dataDir, databaseUrl: clone.databaseUrl, poolSize: 2 }
        : { mode: 'embedded', dataDir: clone.dataDir },
    );
    setDatabase(db);
    try {
      return await fn(db);
    } finally {
      setDatabase(null);
      await db.close();
    }
  }

  it('runs a committed job after kill -9, exactly once in effect', async () => {
    const clone = await cloneTestDatabase();
    try {
      const tenantId = await withDb(clone, async (db) => {
        await db.pool.query(TEST_TABLES);
        return (await createTenant({ name: 'Crash' })).id;
      });
      const env = {
        SB_CHILD_DATA_DIR: clone.dataDir,
        SB_CHILD_DATABASE_URL: clone.databaseUrl ?? '',
        SB_CHILD_TENANT: tenantId,
      };

      // 1. Commit the job, then die before any worker sees it.
      const enqueuer = startChild(child, { ...env, SB_CHILD_MODE: 'enqueue' });
      await enqueuer.waitFor(/^ready$/);
      expect((await enqueuer.exited).signal).toBe('SIGKILL');

      // 2. A worker picks it up and is killed mid-job.
      const first = startChild(child, { ...env, SB_CHILD_MODE: 'jobs', SB_CHILD_HANG: '1' });
      const started = await first.waitFor(/^started /);
      const jobId = started.split(' ')[1]!;
      first.process.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');

      // 3. After a restart the job is retried and finishes.
      const second = startChild(child, { ...env, SB_CHILD_MODE: 'jobs' });
      await second.waitFor(new RegExp(`^done ${jobId}$`), 30_000);
      second.process.kill('SIGTERM');
      await second.exited;

      await withDb(clone, async (db) => {
        const attempts = await db.pool.query('SELECT count(*)::int AS n FROM test_job_attempts WHERE job_id = $1', [
          jobId,
        ]);
        expect(attempts.rows[0].n).toBeGreaterThanOrEqual(2);
        const effects = await db.pool.query('SELECT job_id, marker FROM test_job_effects');
        expect(effects.rows).toEqual([{ job_id: jobId, marker: 'committed-then-killed' }]);
      });
    } finally {
      await clone.drop();
    }
  }, 90_000);
});
