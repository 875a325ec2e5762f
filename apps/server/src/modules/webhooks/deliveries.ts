import { and, desc, eq, lt } from 'drizzle-orm';
import { listWebhookDeliveriesInput, replayWebhookInput } from '@switchboard/contract/webhooks';
import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { kickEndpoint } from './dispatcher';
import { queueDelivery } from './fanout';
import { loadWebhook } from './manage-webhooks';
import { webhookDeliveries } from './schema';
import { KEEP_DELIVERIES_MS, now } from './settings';
import { deliveryView, type WebhookDeliveryView } from './views';

/** The endpoint's delivery log, newest first. */
export async function listDeliveries(
  ctx: ServiceContext,
  endpointId: string,
  input: z.input<typeof listWebhookDeliveriesInput>,
): Promise<WebhookDeliveryView[]> {
  assertCan(ctx, 'webhooks.manage');
  const query = listWebhookDeliveriesInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await loadWebhook(tx, endpointId);
    const rows = await tx.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpointId),
          query.status ? eq(webhookDeliveries.status, query.status) : undefined,
          query.before ? lt(webhookDeliveries.id, query.before) : undefined,
        ),
      )
      .orderBy(desc(webhookDeliveries.id))
      .limit(query.limit);
    return rows.map(deliveryView);
  });
}

/** Sends one delivery again now, with the same `webhook-id` and body (a fresh set of attempts). */
export async function resendDelivery(
  ctx: ServiceContext,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDeliveryView> {
  assertCan(ctx, 'webhooks.manage');
  const row = await withTenant(ctx, async (tx) => {
    await loadWebhook(tx, endpointId);
    const [updated] = await tx.db
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now(), leaseUntil: null })
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)))
      .returning();
    if (!updated) throw new NotFoundError('Delivery', 'not_found', { table: 'webhook_deliveries', id: deliveryId });
    await recordAudit(tx, ctx, {
      action: 'webhook.delivery_resent',
      targetType: 'webhook',
      targetId: endpointId,
      after: { deliveryId },
    });
    return updated;
  });
  kickEndpoint(ctx.tenantId, endpointId);
  return deliveryView(row);
}

/**
 * After an outage: every delivery made since `since` that did not succeed is sent again (same
 * ids and bodies), oldest first. Succeeded ones are left alone: the receiver has them.
 */
export async function replayDeliveries(
  ctx: ServiceContext,
  endpointId: string,
  input: z.input<typeof replayWebhookInput>,
): Promise<number> {
  assertCan(ctx, 'webhooks.manage');
  const { since } = replayWebhookInput.parse(input);
  const at = now();
  if (since.getTime() < at.getTime() - KEEP_DELIVERIES_MS)
    throw new ValidationError('Deliveries are kept for 30 days: replay from a later time.', [
      { path: 'since', message: 'At most 30 days back' },
    ]);
  const count = await withTenant(ctx, async (tx) => {
    await loadWebhook(tx, endpointId);
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $3, lease_until = NULL
        WHERE endpoint_id = $1 AND created_at >= $2 AND status = 'failed' AND body <> '{}' RETURNING id`,
      [endpointId, since, at],
    );
    await recordAudit(tx, ctx, {
      action: 'webhook.replayed',
      targetType: 'webhook',
      targetId: endpointId,
      after: { since: since.toISOString(), queued: rows.length },
    });
    return rows.length;
  });
  kickEndpoint(ctx.tenantId, endpointId);
  return count;
}

/** A `webhook.test` event to this endpoint alone, through the same queue and log as real events. */
export async function sendTestEvent(ctx: ServiceContext, endpointId: string): Promise<WebhookDeliveryView> {
  assertCan(ctx, 'webhooks.manage');
  return withTenant(ctx, async (tx) => {
    const endpoint = await loadWebhook(tx, endpointId);
    if (!endpoint.enabled)
      throw new ConflictError('Turn the endpoint on before sending it a test event.', 'webhook_disabled');
    const id = await queueDelivery(
      tx,
      endpointId,
      'webhook.test',
      { webhookId: endpointId, message: 'A test event from Switchboard.' },
      null,
    );
    const [row] = await tx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id!));
    return deliveryView(row!);
  });
}
