import os from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { newId } from '../ids';
import type { Logger } from '../log';
import { withPlatform, type Tx } from '../tenancy';

/**
 * Server processes that answer, and whether each is alive. Work a process owns (an answer it
 * is streaming) carries its id; a process beats every BEAT_MS, and one silent for the lease is
 * dead: what it owned can no longer be finished, and is handed to the modules' recoveries.
 *
 * Why a lease and not "everything older than N minutes": with several servers an answer's age
 * says nothing about whether its process still runs, and a crash is then noticed within
 * seconds, not minutes. With the embedded database one process owns the data directory (a
 * lock), so at its start every earlier process is dead, whatever the registry says.
 */
export const PROCESS_ID = newId('proc');
export const BEAT_MS = 5_000;
/** Several beats: a busy moment (a long pause, a slow database) is not taken for a death. */
export const LEASE_SECONDS = 20;

/**
 * SQL: the process named by `owner` is alive — `self` (this process, which knows it is), or
 * one that beat within the lease. Tenant transactions may ask: the application role reads the
 * registry's ids and beats, nothing else.
 */
export function processAlive(owner: SQL, self: string | null = PROCESS_ID): SQL {
  return sql`(${owner} = ${self ?? ''} OR EXISTS (SELECT 1 FROM server_processes p WHERE p.id = ${owner} AND p.beat_at > now() - make_interval(secs => ${LEASE_SECONDS})))`;
}

/** `everyone`: every process but this one is known dead (the embedded database at start). */
export interface OrphanScope {
  everyone: boolean;
}

/**
 * A module's recovery of work its dead processes left unfinished: one fixed statement, run as
 * the platform role (across tenants) when this process starts, when it finds a dead one, and
 * when it stops. Returns how many rows it recovered.
 */
export type OrphanRecovery = (tx: Tx, scope: OrphanScope) => Promise<number>;

const DEAD = `DELETE FROM server_processes WHERE beat_at < now() - make_interval(secs => ${LEASE_SECONDS})`;

export class ProcessRegistry {
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    private readonly recoveries: readonly OrphanRecovery[],
    private readonly log: Logger,
    /** This process's id (another only where a test plays a second process). */
    private readonly id: string = PROCESS_ID,
  ) {}

  /** Registers this process and recovers what dead ones left, before it serves anything. */
  async start(options: { exclusive: boolean }): Promise<void> {
    await withPlatform(async (tx) => {
      await tx.query(options.exclusive ? 'DELETE FROM server_processes' : DEAD);
      await tx.query('INSERT INTO server_processes (id, host, pid) VALUES ($1, $2, $3)', [
        this.id,
        os.hostname(),
        process.pid,
      ]);
      await this.recover(tx, { everyone: options.exclusive }, 'start');
    });
    // beat() catches its own failures; stop() awaits the one in flight.
    this.timer = setInterval(() => {
      this.beating = this.beat();
    }, BEAT_MS);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    try {
      await withPlatform(async (tx) => {
        // Back in the registry if another process took this one for dead during a long pause.
        await tx.query(
          `INSERT INTO server_processes (id, host, pid) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET beat_at = now()`,
          [this.id, os.hostname(), process.pid],
        );
        const dead = await tx.query(DEAD);
        if (dead.rowCount) await this.recover(tx, { everyone: false }, 'a process stopped beating');
      });
    } catch (error) {
      this.log.warn({ err: error }, 'process heartbeat failed');
    }
  }

  private async recover(tx: Tx, scope: OrphanScope, why: string): Promise<void> {
    let count = 0;
    for (const recovery of this.recoveries) count += await recovery(tx, scope);
    if (count) this.log.info({ count, why }, 'recovered work that a stopped process left unfinished');
  }

  /** Leaves the registry; what this process still owned is recovered at once (not after the lease). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
    await withPlatform(async (tx) => {
      await tx.query('DELETE FROM server_processes WHERE id = $1', [this.id]);
      await this.recover(tx, { everyone: false }, 'stop');
    });
  }
}
