import { isIP } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import { createWebhookInput, updateWebhookInput } from '@switchboard/contract/webhooks';
import type { z } from 'zod';
import { assertEgressAllowed, isEgressError } from '../../platform/egress';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { kickEndpoint } from './dispatcher';
import { webhookEndpoints, type WebhookEndpointRow } from './schema';
import { now, ROTATION_OVERLAP_MS } from './settings';
import { newWebhookSecret, sealSecret } from './signing';
import { webhookView, type WebhookView } from './views';
import { assertFeature, assertFeatureInTransaction, assertWithinLimit } from '../plans';

/**
 * Refuses an address the egress guard would refuse, when that is known without asking DNS
 * (an IP literal, localhost). A name is checked again at every delivery, where what it
 * resolves to then decides: a name may point somewhere else tomorrow.
 */
async function assertReachable(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host) && host !== 'localhost' && !host.endsWith('.localhost')) return;
  try {
    await assertEgressAllowed(url);
  } catch (error) {
    if (!isEgressError(error)) throw error;
    throw new ValidationError(
      'Webhooks cannot be sent to that address.',
      [{ path: 'url', message: 'Private, loopback and link-local addresses are refused' }],
      'address_refused',
    );
  }
}

/** `*` alone, or distinct event types. */
const normalEvents = (events: readonly string[]) => (events.includes('*') ? ['*'] : [...new Set(events)].sort());

export async function loadWebhook(tx: Tx, id: string, lock = false): Promise<WebhookEndpointRow> {
  const query = tx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Webhook', 'not_found', { table: 'webhook_endpoints', id });
  return row;
}

/** A new endpoint and its signing secret, which is shown here once and stored encrypted. */
export async function createWebhook(
  ctx: ServiceContext,
  input: z.input<typeof createWebhookInput>,
): Promise<{ webhook: WebhookView; secret: string }> {
  assertCan(ctx, 'webhooks.manage');
  await assertFeature(ctx, 'webhooks');
  const data = createWebhookInput.parse(input);
  await assertReachable(data.url);
  const id = newId('whk');
  const secret = newWebhookSecret();
  return withTenant(ctx, async (tx) => {
    await assertFeatureInTransaction(tx, 'webhooks');
    await assertWithinLimit(tx, ctx, 'webhookEndpoints');
    const at = now();
    const [row] = await tx.db
      .insert(webhookEndpoints)
      .values({
        tenantId: ctx.tenantId,
        id,
        url: data.url,
        description: data.description,
        events: normalEvents(data.events),
        enabled: data.enabled,
        secretEnc: sealSecret(ctx.tenantId, id, secret),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'webhook.created',
      targetType: 'webhook',
      targetId: id,
      after: { url: data.url, events: row!.events, enabled: data.enabled },
    });
    return { webhook: webhookView(row!), secret };
  });
}

export async function listWebhooks(ctx: ServiceContext): Promise<WebhookView[]> {
  assertCan(ctx, 'webhooks.manage');
  const rows = await withTenant(ctx, (tx) => tx.db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.id)));
  return rows.map(webhookView);
}

export async function getWebhook(ctx: ServiceContext, id: string): Promise<WebhookView> {
  assertCan(ctx, 'webhooks.manage');
  return webhookView(await withTenant(ctx, (tx) => loadWebhook(tx, id)));
}

export async function updateWebhook(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateWebhookInput>,
): Promise<WebhookView> {
  assertCan(ctx, 'webhooks.manage');
  const patch = updateWebhookInput.parse(input);
  if (patch.url) await assertReachable(patch.url);
  return withTenant(ctx, async (tx) => {
    const before = await loadWebhook(tx, id, true);
    const next = {
      url: patch.url ?? before.url,
      description: patch.description ?? before.description,
      events: patch.events ? normalEvents(patch.events) : before.events,
      enabled: patch.enabled ?? before.enabled,
    };
    // Turned back on by a person: it starts a new run, without the old failures.
    const revived = next.enabled && !before.enabled;
    const [row] = await tx.db
      .update(webhookEndpoints)
      .set({
        ...next,
        ...(revived && { disabledReason: null, failingSince: null }),
        ...(!next.enabled && { disabledReason: before.disabledReason }),
        updatedAt: now(),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'webhook.updated',
      targetType: 'webhook',
      targetId: id,
      before: { url: before.url, description: before.description, events: before.events, enabled: before.enabled },
      after: next,
    });
    // Deliveries that waited while it was off go out now.
    if (revived) tx.afterCommit(() => kickEndpoint(ctx.tenantId, id));
    return webhookView(row!);
  });
}

export async function deleteWebhook(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'webhooks.manage');
  await withTenant(ctx, async (tx) => {
    const row = await loadWebhook(tx, id, true);
    await tx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, ctx, {
      action: 'webhook.deleted',
      targetType: 'webhook',
      targetId: id,
      before: { url: row.url, events: row.events },
    });
  });
}

/**
 * A new secret, shown once. The old one keeps signing for a day (both signatures go in
 * `webhook-signature`), so receivers can switch over without losing a delivery.
 */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  id: string,
): Promise<{ webhook: WebhookView; secret: string }> {
  assertCan(ctx, 'webhooks.manage');
  const secret = newWebhookSecret();
  return withTenant(ctx, async (tx) => {
    const before = await loadWebhook(tx, id, true);
    const at = now();
    const [row] = await tx.db
      .update(webhookEndpoints)
      .set({
        secretEnc: sealSecret(ctx.tenantId, id, secret),
        previousSecretEnc: before.secretEnc,
        previousSecretExpiresAt: new Date(at.getTime() + ROTATION_OVERLAP_MS),
        secretRotatedAt: at,
        updatedAt: at,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: id });
    return { webhook: webhookView(row!), secret };
  });
}
