import type { WebhookEventType, WebhookPayload } from '@switchboard/contract/webhooks';
import { newId } from '../../platform/ids';
import type { Tx } from '../../platform/tenancy';
import { toWebhookEvent } from './catalog';
import { kickEndpoint } from './dispatcher';
import { webhookDeliveries } from './schema';
import { MAX_BODY_BYTES, now } from './settings';

/** The delivery of one event to one endpoint, due now; woken after the commit. */
export async function queueDelivery(
  tx: Tx,
  endpointId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  eventKey: string | null,
): Promise<string | null> {
  const at = now();
  const payload: WebhookPayload = { type, timestamp: at.toISOString(), data };
  const body = JSON.stringify(payload);
  const tooLarge = Buffer.byteLength(body) > MAX_BODY_BYTES;
  const id = newId('evt');
  const inserted = await tx.db
    .insert(webhookDeliveries)
    .values({
      tenantId: tx.tenantId!,
      id,
      endpointId,
      eventType: type,
      eventKey,
      body: tooLarge ? '{}' : body,
      createdAt: at,
      ...(tooLarge
        ? { status: 'failed' as const, error: `The event is larger than ${MAX_BODY_BYTES} bytes and was not sent.` }
        : { nextAttemptAt: at }),
    })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  if (!inserted.length) return null;
  if (!tooLarge) tx.afterCommit(() => kickEndpoint(tx.tenantId!, endpointId));
  return id;
}

/**
 * One delivery per enabled endpoint that subscribed to the event, in one transaction; the
 * event key makes a fan-out that runs again (a job runs at least once) add nothing.
 */
export async function fanOut(
  tx: Tx,
  sourceType: string,
  payload: Record<string, unknown>,
  eventKey: string,
): Promise<number> {
  const event = await toWebhookEvent(tx, sourceType, payload);
  if (!event) return 0;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints WHERE enabled AND (events ? '*' OR events ? $1) ORDER BY id`,
    [event.type],
  );
  let queued = 0;
  for (const { id } of rows) if (await queueDelivery(tx, id, event.type, event.data, eventKey)) queued++;
  return queued;
}
