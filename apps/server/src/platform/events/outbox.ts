import type { Tx } from '../tenancy/transaction';

type Kick = () => void;
let kick: Kick = () => undefined;

/** The drainer registers how to wake it; emit() wakes it after each commit. */
export function onEventCommitted(fn: Kick): void {
  kick = fn;
}

/**
 * Records an event in the caller's tenant transaction. It reaches the bus only if the
 * transaction commits, and it still does after a crash: the outbox row is the promise.
 */
export async function emit(tx: Tx, type: string, payload: Record<string, unknown> = {}): Promise<void> {
  if (tx.kind !== 'tenant' || !tx.tenantId) throw new Error('Events belong to a tenant: emit inside withTenant');
  await tx.query('INSERT INTO events_outbox (tenant_id, type, payload) VALUES ($1, $2, $3)', [
    tx.tenantId,
    type,
    JSON.stringify(payload),
  ]);
  tx.afterCommit(() => kick());
}
