import type { Logger } from '../log';
import { withPlatform } from '../tenancy/with-tenant';
import { onEventCommitted } from './outbox';
import type { EventBus, PlatformEvent } from './types';

const BATCH = 200;

/** Locks, marks and returns a batch of unpublished rows (SKIP LOCKED: drainers in parallel never share one). */
const DRAIN_STATEMENT = `UPDATE events_outbox o SET published_at = now()
  FROM (SELECT tenant_id, id FROM events_outbox WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) pick
 WHERE o.tenant_id = pick.tenant_id AND o.id = pick.id
 RETURNING o.tenant_id, o.id, o.type, o.payload, o.created_at`;

interface OutboxRow {
  tenant_id: string;
  id: number;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Moves committed outbox rows onto the bus. Rows are locked (SKIP LOCKED, so several
 * processes drain in parallel without sharing rows), published, then marked in the same
 * transaction: a crash between publish and commit republishes, never loses (at least once;
 * listeners de-duplicate by event id).
 *
 * A commit wakes the drainer after `lingerMs` rather than at once: events of commits close
 * together go out in one batch (a busy server drains at most 20 times a second instead of
 * after every commit), and the statement that follows a commit (a chat turn's retrieval)
 * does not queue behind a drain on the embedded database's single connection.
 */
export class OutboxDrainer {
  private timer: NodeJS.Timeout | null = null;
  private lingering: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly pollMs = 500,
    private readonly lingerMs = 50,
  ) {}

  start(): void {
    this.stopped = false;
    onEventCommitted(() => this.soon());
    this.kick();
  }

  /** Drain within `lingerMs` (coalescing the wakes of several commits). */
  soon(): void {
    if (this.stopped || this.lingering) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.lingering = setTimeout(() => this.kick(), this.lingerMs);
  }

  /** Drain now (coalesced with a drain already running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    if (this.lingering) clearTimeout(this.lingering);
    this.timer = null;
    this.lingering = null;
    this.running = this.drainAll()
      .then(() => undefined)
      .catch((error) => this.log.error({ err: error }, 'outbox drain failed'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.soon();
        } else {
          this.timer = setTimeout(() => this.kick(), this.pollMs);
        }
      });
  }

  /** Publishes everything pending; resolves when the outbox is empty. */
  async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.drainBatch();
      total += count;
      if (count < BATCH) return total;
    }
  }

  /**
   * One statement locks, marks and returns a batch; the transaction commits only after the
   * bus took the events, so a failed publish (or a crash) leaves them unpublished.
   */
  private drainBatch(): Promise<number> {
    // The marking statement has no parameters, so it goes out with BEGIN (one round trip fewer).
    return withPlatform(async (_tx, first) => {
      const rows = (first?.rows ?? []) as OutboxRow[];
      if (!rows.length) return 0;
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      const events: PlatformEvent[] = rows.map((row) => ({
        id: `${row.tenant_id}:${row.id}`,
        tenantId: row.tenant_id,
        type: row.type,
        payload: row.payload,
        createdAt: row.created_at.toISOString(),
      }));
      await this.bus.publish(events);
      return rows.length;
    }, DRAIN_STATEMENT);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    onEventCommitted(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    if (this.lingering) clearTimeout(this.lingering);
    await this.running;
  }
}
