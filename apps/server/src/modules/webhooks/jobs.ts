import { z } from 'zod';
import { reactionData, type EventReaction } from '../../platform/events';
import { defineJob } from '../../platform/jobs';
import { systemContext, withTenant } from '../../platform/tenancy';
import { activeTenantIds } from '../tenants';
import { SOURCE_EVENTS } from './catalog';
import { kickEndpoint } from './dispatcher';
import { fanOut } from './fanout';
import { disableLongFailing, mailDisabled } from './outcome';
import { KEEP_DELIVERIES_MS, now } from './settings';

/** One delivery row per subscribed endpoint, for an event just committed (a reaction: never lost). */
export const fanOutJob = defineJob({
  name: 'webhooks.fan-out',
  data: reactionData,
  retryLimit: 10,
  batchSize: 50,
  async handler({ tenantId, type, payload }, meta) {
    await withTenant(systemContext(tenantId, 'webhooks.fan-out'), (tx) => fanOut(tx, type, payload, meta.jobId));
  },
});

export const webhookReactions: EventReaction[] = SOURCE_EVENTS.map((event) => ({ event, job: fanOutJob }));

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
