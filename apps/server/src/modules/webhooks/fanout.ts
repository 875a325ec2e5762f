import type { WebhookEventType, WebhookPayload } from '@switchboard/contract/webhooks';
import { newId } from '../../platform/ids';
import type { Tx } from '../../platform/tenancy';
import { toWebhookEvent } from './catalog';
import { kickEndpoint } from './dispatcher';
import { webhookDeliveries } from './schema';
import { MAX_BODY_BYTES, now } from './settings';

/** The row of one event's delivery to one endpoint, due now (or failed at once when too large). */
function deliveryRow(
  tenantId: string,
  endpointId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  eventKey: string | null,
) {
  const at = now();
  const payload: WebhookPayload = { type, timestamp: at.toISOString(), data };
  const body = JSON.stringify(payload);
  const tooLarge = Buffer.byteLength(body) > MAX_BODY_BYTES;
  return {
    tenantId,
    id: newId('evt'),
    endpointId,
    eventType: type,
    eventKey,
    body: tooLarge ? '{}' : body,
    createdAt: at,
    ...(tooLarge
      ? { status: 'failed' as const, error: `The event is larger than ${MAX_BODY_BYTES} bytes and was not sent.` }
      : { nextAttemptAt: at }),
  };
}

/** Inserts deliveries (one statement); the endpoints of those due now are woken after the commit. */
async function insertDeliveries(tx: Tx, rows: ReturnType<typeof deliveryRow>[]): Promise<string[]> {
  if (!rows.length) return [];
  const inserted = await tx.db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning({
    id: webhookDeliveries.id,
    endpointId: webhookDeliveries.endpointId,
    status: webhookDeliveries.status,
  });
  const tenantId = tx.tenantId!;
  const due = [...new Set(inserted.filter((r) => r.status === 'pending').map((r) => r.endpointId))];
  if (due.length) tx.afterCommit(() => due.forEach((endpointId) => kickEndpoint(tenantId, endpointId)));
  return inserted.map((r) => r.id);
}

/** The delivery of one event to one endpoint, due now; woken after the commit. */
export async function queueDelivery(
  tx: Tx,
  endpointId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  eventKey: string | null,
): Promise<string | null> {
  const [id] = await insertDeliveries(tx, [deliveryRow(tx.tenantId!, endpointId, type, data, eventKey)]);
  return id ?? null;
}

/**
 * One delivery per enabled endpoint that subscribed to the event, in one statement; the event
 * key makes a fan-out that runs again (a job runs at least once) add nothing.
 */
export async function fanOut(
  tx: Tx,
  sourceType: string,
  payload: Record<string, unknown>,
  eventKey: string | null,
): Promise<number> {
  const event = await toWebhookEvent(tx, sourceType, payload);
  if (!event) return 0;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints WHERE enabled AND (events ? '*' OR events ? $1) ORDER BY id`,
    [event.type],
  );
  const queued = await insertDeliveries(
    tx,
    rows.map(({ id }) => deliveryRow(tx.tenantId!, id, event.type, event.data, eventKey)),
  );
  return queued.length;
}
