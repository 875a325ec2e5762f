import { z } from 'zod';
import { reactionData, type EventReaction, type InTransactionReaction } from '../../platform/events';
import { rootLogger } from '../../platform/log';
import { defineJob } from '../../platform/jobs';
import { systemContext, withTenant } from '../../platform/tenancy';
import { activeTenantIds } from '../tenants';
import { SOURCE_EVENTS } from './catalog';
import { kickEndpoint } from './dispatcher';
import { fanOut } from './fanout';
import { disableLongFailing, mailDisabled } from './outcome';
import { KEEP_DELIVERIES_MS, now } from './settings';

/**
 * Fan-out jobs queued before fan-out moved into the emitting transaction: an installation
 * upgraded with some still waiting delivers them (the event key keeps a rerun from adding any).
 */
export const fanOutJob = defineJob({
  name: 'webhooks.fan-out',
  data: reactionData,
  retryLimit: 10,
  batchSize: 50,
  async handler({ tenantId, type, payload }, meta) {
    await withTenant(systemContext(tenantId, 'webhooks.fan-out'), (tx) => fanOut(tx, type, payload, meta.jobId));
  },
});

/**
 * One delivery row per subscribed endpoint, written in the transaction of the event itself:
 * it commits with the event (never lost, never twice) and costs a workspace without
 * endpoints one indexed read. A failure here is logged and rolled back to a savepoint, so a
 * webhook problem never undoes the change that emitted the event.
 */
const fanOutNow: InTransactionReaction = async (tx, { tenantId, type, payload }) => {
  const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints WHERE enabled');
  if (!rows[0]?.n) return;
  await tx.query('SAVEPOINT webhooks_fan_out');
  try {
    await fanOut(tx, type, payload, null);
    await tx.query('RELEASE SAVEPOINT webhooks_fan_out');
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT webhooks_fan_out');
    rootLogger().error({ err: error, tenantId, type }, 'webhook fan-out failed; the event is not delivered');
  }
};

export const webhookReactions: EventReaction[] = SOURCE_EVENTS.map((event) => ({ event, inTransaction: fanOutNow }));

/**
 * Every minute, per workspace: wakes the endpoints with deliveries due (retries later than a
 * runner sleeps, deliveries whose process died mid-attempt, any after a restart), turns off
 * endpoints failing for days, and forgets deliveries older than the log keeps.
 */
export async function sweepTenant(tenantId: string): Promise<void> {
  const at = now();
  const { due, disabled } = await withTenant(systemContext(tenantId, 'webhooks.sweep'), async (tx) => {
    await tx.query('DELETE FROM webhook_deliveries WHERE created_at < $1', [
      new Date(at.getTime() - KEEP_DELIVERIES_MS),
    ]);
    const disabled = await disableLongFailing(tx, tenantId);
    const { rows } = await tx.query<{ endpoint_id: string }>(
      `SELECT DISTINCT d.endpoint_id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE e.enabled AND ((d.status = 'pending' AND d.next_attempt_at <= $1) OR (d.status = 'delivering' AND d.lease_until <= $1))`,
      [at],
    );
    return { due: rows.map((r) => r.endpoint_id), disabled };
  });
  await mailDisabled(tenantId, disabled);
  for (const endpointId of due) kickEndpoint(tenantId, endpointId);
}

export const sweepJob = defineJob({
  name: 'webhooks.sweep',
  data: z.object({}),
  retryLimit: 1,
  schedule: { cron: '* * * * *', data: {} },
  async handler() {
    for (const tenantId of await activeTenantIds()) await sweepTenant(tenantId);
  },
});
