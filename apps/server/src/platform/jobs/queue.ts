import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from '../log';
import { asOwnerWithin, currentTransaction, type Tx } from '../tenancy/transaction';
import type { JobDefinition } from './define';

export interface SendOptions {
  /** Delay before the job may run. */
  startAfterSeconds?: number;
  /** At most one queued job per key (e.g. one re-sync per source). */
  singletonKey?: string;
  /**
   * At most one job per key in each window of this many seconds: the first runs at once, a
   * later one in the same window becomes one job at the start of the next (pg-boss's debounce).
   */
  debounceSeconds?: number;
}

export interface QueueCounts {
  name: string;
  queued: number;
  active: number;
  deferred: number;
  total: number;
}

/**
 * Each queue's worker polls only as a safety net: a send on this process wakes its worker
 * after commit, and one statement a tick (DUE_TICK_MS) finds the queues with a job due — a
 * delayed job, a retry, or a job another process sent — and wakes those. One statement for
 * every queue instead of a fetch per queue keeps an idle server idle.
 */
const POLL_SECONDS = 30;
const DUE_TICK_MS = 500;
const DUE_QUEUES_SQL = `SELECT DISTINCT name FROM pgboss.job WHERE state < 'active' AND start_after <= now()`;

export interface JobQueueOptions {
  /** Counts finished jobs (metrics). */
  observe?: (queue: string, outcome: 'completed' | 'failed') => void;
  /** How often expired active jobs are looked for and retried (pg-boss supervise + monitor). */
  superviseIntervalSeconds?: number;
}

/**
 * The job queue: pg-boss on the same database as the data, so a job can be enqueued in the
 * transaction of the change it follows, and a rollback leaves no job behind.
 *
 * Every pg-boss 11 release declares `engines: node >=22` (12 declares >=22.12), so `npm
 * install` warns EBADENGINE on Node 20; the warning is left as it is, not silenced. Its code
 * runs on Node 20: it needs node:assert, node:crypto, node:events and node:timers/promises,
 * and its dependencies (pg, cron-parser, serialize-error) declare Node 18 or older.
 * node-engine.test.ts fails if an update starts using more. CI runs the suites that use it on
 * Node 20: transactional send and rollback, a job retried after kill -9 (jobs.db.test.ts),
 * debounced sends under a singleton key (handoff-mail.db.test.ts), and the cron schedules every
 * runtime registers at start.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private readonly workers = new Map<string, string>();
  private dueTicker: NodeJS.Timeout | null = null;
  private dueCheck: Promise<void> | null = null;

  private readonly observe: (queue: string, outcome: 'completed' | 'failed') => void;
  private readonly superviseIntervalSeconds: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly definitions: readonly JobDefinition<any>[],
    private readonly log: Logger,
    options: JobQueueOptions = {},
  ) {
    this.observe = options.observe ?? (() => undefined);
    this.superviseIntervalSeconds = options.superviseIntervalSeconds ?? 60;
    const names = definitions.map((d) => d.name);
    if (new Set(names).size !== names.length) throw new Error('Job names must be unique');
  }

  private adapter() {
    return { executeSql: (text: string, values: unknown[]) => this.pool.query(text, values as unknown[]) };
  }

  /**
   * Creates pg-boss's schema and every queue. Run with a short-lived instance because
   * pg-boss caches queues only at start: a queue created later would be looked up on the
   * pool during a transactional send, which with one embedded connection would deadlock.
   */
  async install(): Promise<void> {
    const boss = new PgBoss({ db: this.adapter(), supervise: false, schedule: false, migrate: true });
    boss.on('error', (error) => this.log.error({ err: error }, 'job queue error during install'));
    await boss.start();
    try {
      for (const definition of this.definitions) {
        const options = {
          retryLimit: definition.retryLimit ?? 5,
          retryDelay: definition.retryDelaySeconds ?? 2,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds ?? 15 * 60,
        };
        const existing = await boss.getQueue(definition.name);
        if (existing) await boss.updateQueue(definition.name, options);
        else await boss.createQueue(definition.name, options);
      }
    } finally {
      await boss.stop({ graceful: false, wait: true, close: false });
    }
  }

  async start(options: { work: boolean; recoverOrphans: boolean }): Promise<void> {
    await this.install();
    const boss = new PgBoss({
      db: this.adapter(),
      supervise: options.work,
      schedule: options.work,
      migrate: false,
      superviseIntervalSeconds: this.superviseIntervalSeconds,
      // Expired active jobs are failed (and so retried) by the monitor step.
      monitorIntervalSeconds: this.superviseIntervalSeconds,
    });
    boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    if (options.recoverOrphans) await this.recoverOrphans();
    if (!options.work) return;
    for (const definition of this.definitions) {
      const workerId = await boss.work(
        definition.name,
        { pollingIntervalSeconds: POLL_SECONDS, batchSize: definition.batchSize ?? 1, includeMetadata: true },
        (jobs) => this.run(definition, jobs),
      );
      this.workers.set(definition.name, workerId);
      if (definition.schedule)
        await boss.schedule(definition.name, definition.schedule.cron, definition.schedule.data as object);
      else await boss.unschedule(definition.name).catch(() => undefined);
    }
    this.dueTicker = setInterval(() => {
      this.dueCheck ??= this.wakeDueQueues().finally(() => (this.dueCheck = null));
    }, DUE_TICK_MS);
    this.dueTicker.unref();
  }

  /** Wakes the workers of queues that hold a job due now (see POLL_SECONDS). */
  private async wakeDueQueues(): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ name: string }>(DUE_QUEUES_SQL);
      for (const row of rows) this.wake(row.name);
    } catch (error) {
      if (this.boss) this.log.warn({ err: error }, 'looking for due jobs failed');
    }
  }

  private async run(definition: JobDefinition<any>, jobs: PgBoss.JobWithMetadata<unknown>[]): Promise<void> {
    for (const job of jobs) {
      const started = performance.now();
      const data = definition.data.parse(job.data);
      try {
        await definition.handler(data, { jobId: job.id, retryCount: job.retryCount });
        this.observe(definition.name, 'completed');
        this.log.debug(
          { job: definition.name, jobId: job.id, ms: Math.round(performance.now() - started) },
          'job done',
        );
      } catch (error) {
        this.observe(definition.name, 'failed');
        this.log.warn({ job: definition.name, jobId: job.id, retryCount: job.retryCount, err: error }, 'job failed');
        throw error;
      }
    }
  }

  /**
   * In embedded mode one process owns the database, so a job still active at start-up was
   * left by a process that died: fail it now (which schedules its retry) instead of waiting
   * for its expiry.
   */
  private async recoverOrphans(): Promise<void> {
    const { rows } = await this.pool.query<{ name: string; id: string }>(
      `SELECT name, id FROM pgboss.job WHERE state = 'active'`,
    );
    for (const row of rows) {
      await this.boss!.fail(row.name, row.id, { message: 'The process running this job stopped; retrying.' });
    }
    if (rows.length) this.log.info({ count: rows.length }, 'retrying jobs left active by a stopped process');
  }

  private bossFor<T>(job: JobDefinition<T>): PgBoss {
    if (!this.definitions.includes(job)) throw new Error(`Job ${job.name} is not registered`);
    if (!this.boss) throw new Error('The job queue is not started');
    return this.boss;
  }

  private sendOptions(options: SendOptions): PgBoss.SendOptions {
    const out: PgBoss.SendOptions = {};
    if (options.startAfterSeconds) out.startAfter = options.startAfterSeconds;
    if (options.singletonKey) out.singletonKey = options.singletonKey;
    if (options.debounceSeconds) {
      out.singletonSeconds = options.debounceSeconds;
      out.singletonNextSlot = true;
    }
    return out;
  }

  /** Enqueues inside `tx`: the job exists only if the transaction commits. */
  async enqueue<T>(tx: Tx, job: JobDefinition<T>, data: T, options: SendOptions = {}): Promise<string | null> {
    const boss = this.bossFor(job);
    const payload = job.data.parse(data) as object;
    const id = await asOwnerWithin(tx, (client) =>
      boss.send(job.name, payload, {
        ...this.sendOptions(options),
        db: { executeSql: (text, values) => client.query(text, values) },
      }),
    );
    tx.afterCommit(() => this.wake(job.name));
    return id;
  }

  /** Enqueues on its own, outside any transaction. */
  async send<T>(job: JobDefinition<T>, data: T, options: SendOptions = {}): Promise<string | null> {
    if (currentTransaction()) throw new Error(`Use enqueue(tx, …) for ${job.name} inside a transaction`);
    const boss = this.bossFor(job);
    const id = await boss.send(job.name, job.data.parse(data) as object, this.sendOptions(options));
    this.wake(job.name);
    return id;
  }

  /** Wakes this process's worker now instead of at its next poll. */
  private wake(name: string): void {
    const workerId = this.workers.get(name);
    if (workerId) this.boss?.notifyWorker(workerId);
  }

  async counts(): Promise<QueueCounts[]> {
    if (!this.boss) return [];
    const queues = await this.boss.getQueues();
    return queues.map((q) => ({
      name: q.name,
      queued: q.queuedCount ?? 0,
      active: q.activeCount ?? 0,
      deferred: q.deferredCount ?? 0,
      total: q.totalCount ?? 0,
    }));
  }

  async stop(): Promise<void> {
    if (this.dueTicker) clearInterval(this.dueTicker);
    this.dueTicker = null;
    await this.dueCheck;
    const boss = this.boss;
    this.boss = null;
    this.workers.clear();
    if (boss) await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
  }
}
