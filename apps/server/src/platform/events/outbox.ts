import { enqueue } from '../jobs';
import type { Tx } from '../tenancy/transaction';
import { reactionsTo } from './reactions';

type Kick = () => void;
let kick: Kick = () => undefined;

/** The drainer registers how to wake it; emit() wakes it after each commit. */
export function onEventCommitted(fn: Kick): void {
  kick = fn;
}

/**
 * Records an event in the caller's tenant transaction. It reaches the bus only if the
 * transaction commits, and it still does after a crash: the outbox row is the promise.
 * Jobs registered as reactions to its type are enqueued in the same transaction.
 */
export async function emit(tx: Tx, type: string, payload: Record<string, unknown> = {}): Promise<void> {
  if (tx.kind !== 'tenant' || !tx.tenantId) throw new Error('Events belong to a tenant: emit inside withTenant');
  await tx.query('INSERT INTO events_outbox (tenant_id, type, payload) VALUES ($1, $2, $3)', [
    tx.tenantId,
    type,
    JSON.stringify(payload),
  ]);
  for (const job of reactionsTo(type)) await enqueue(tx, job, { tenantId: tx.tenantId, type, payload });
  tx.afterCommit(() => kick());
}
