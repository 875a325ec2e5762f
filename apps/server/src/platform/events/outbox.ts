import { sql, type SQL } from 'drizzle-orm';
import { enqueue } from '../jobs';
import type { Tx } from '../tenancy/transaction';
import { reactionsTo } from './reactions';

type Kick = () => void;
let kick: Kick = () => undefined;

/** The drainer registers how to wake it; emit() wakes it after each commit. */
export function onEventCommitted(fn: Kick): void {
  kick = fn;
}

function tenantOf(tx: Tx): string {
  if (tx.kind !== 'tenant' || !tx.tenantId) throw new Error('Events belong to a tenant: emit inside withTenant');
  return tx.tenantId;
}

/** What follows an event's outbox row in its transaction: its reaction jobs, and a wake-up after commit. */
async function afterOutboxRow(tx: Tx, tenantId: string, type: string, payload: Record<string, unknown>): Promise<void> {
  for (const reaction of reactionsTo(type)) {
    if (reaction.job) await enqueue(tx, reaction.job, { tenantId, type, payload });
    else await reaction.inTransaction(tx, { tenantId, type, payload });
  }
  tx.afterCommit(() => kick());
}

/**
 * Records an event in the caller's tenant transaction. It reaches the bus only if the
 * transaction commits, and it still does after a crash: the outbox row is the promise.
 * Jobs registered as reactions to its type are enqueued in the same transaction.
 */
export async function emit(tx: Tx, type: string, payload: Record<string, unknown> = {}): Promise<void> {
  const event = eventRow(tx, type, payload);
  await tx.db.execute(event.row);
  await event.recorded();
}

/**
 * emit() in two parts, for a hot path that writes an event with its other rows in one
 * statement (a data-modifying CTE: one round trip instead of one each): `row` is the INSERT to
 * put in that statement; `recorded()` must be awaited once the statement ran, in the same
 * transaction (reaction jobs, the drainer's wake-up).
 */
export function eventRow(
  tx: Tx,
  type: string,
  payload: Record<string, unknown>,
): { row: SQL; recorded(): Promise<void> } {
  const tenantId = tenantOf(tx);
  return {
    row: sql`INSERT INTO events_outbox (tenant_id, type, payload) VALUES (${tenantId}, ${type}, ${JSON.stringify(payload)})`,
    recorded: () => afterOutboxRow(tx, tenantId, type, payload),
  };
}
