import { eq, sql } from 'drizzle-orm';
import { NotFoundError, UnauthorizedError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enqueue } from '../../platform/jobs';
import { systemContext, withTenant, type ServiceContext } from '../../platform/tenancy';
import { getBillingRestriction, getTenantStatus, resolvePublicKey } from '../tenants';
import { openCredentials, type Credentials } from './credentials';
import { recordDeliveryStatuses } from './delivery';
import { processInboundJob } from './process-inbound';
import { adapterFor, type WebhookRequest } from './platforms';
import { channelConnections, channelInbound, type ChannelConnectionRow } from './schema';

const CONNECTION_ID = /^chn_[0-9a-z]{26}$/;

const unknownConnection = (id: string) =>
  new NotFoundError('Channel', 'not_found', { table: 'channel_connections', id });

/**
 * The connection a webhook names: the registry says which workspace, and that workspace's own
 * row (under its RLS) must exist, so a planted or stale registry row leads nowhere. Unknown,
 * deleted, turned off or in a suspended workspace: 404, the same for all.
 */
async function connectionFor(
  id: string,
): Promise<{ ctx: ServiceContext; row: ChannelConnectionRow; credentials: Credentials }> {
  if (!CONNECTION_ID.test(id)) throw unknownConnection(id);
  const tenantId = await resolvePublicKey(id, 'channel');
  if (!tenantId || (await getTenantStatus(tenantId)) !== 'active') throw unknownConnection(id);
  // Unpaid past the widget's extra week: the channels stop answering too.
  if ((await getBillingRestriction(tenantId)) === 'widget_stopped') throw unknownConnection(id);
  const ctx = systemContext(tenantId, 'channels.inbound', `channel:${id}`);
  const [row] = await withTenant(ctx, (tx) =>
    tx.db.select().from(channelConnections).where(eq(channelConnections.id, id)),
  );
  if (!row || !row.enabled) throw unknownConnection(id);
  return { ctx, row, credentials: openCredentials(tenantId, id, row.credentialsEnc) };
}

/** A platform's subscription check (GET): the challenge echoed, or 403. */
export async function verifyChannelSubscription(id: string, request: WebhookRequest): Promise<string | null> {
  const { row, credentials } = await connectionFor(id);
  return adapterFor(row.type).verifySubscription?.(credentials, request) ?? null;
}

/**
 * A webhook from a platform. Authenticated the platform's way before anything is read or
 * stored; each customer message is written once (a redelivery hits the unique index and is
 * only acknowledged again), with its processing job in the same transaction: once this
 * returns, the answer will come even if the process dies now.
 */
export async function receiveChannelWebhook(
  id: string,
  request: WebhookRequest,
): Promise<{ stored: number; challenge?: string }> {
  const { ctx, row, credentials } = await connectionFor(id);
  const adapter = adapterFor(row.type);
  if (!adapter.authenticate(credentials, request))
    throw new UnauthorizedError('The request is not signed by the platform.', 'bad_signature');
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    return { stored: 0 };
  }
  const challenge = adapter.challenge?.(body);
  if (typeof challenge === 'string') return { stored: 0, challenge };
  await recordDeliveryStatuses(ctx, id, adapter.statuses?.(body) ?? []);
  const messages = adapter.parse(body, credentials);
  if (!messages.length) return { stored: 0 };
  return withTenant(ctx, async (tx) => {
    let stored = 0;
    for (const message of messages) {
      const [inserted] = await tx.db
        .insert(channelInbound)
        .values({
          tenantId: ctx.tenantId,
          id: newId('chi'),
          connectionId: id,
          externalId: message.externalId,
          threadKey: message.threadKey,
          text: message.text.slice(0, 8000),
          profile: message.profile,
          media: message.media ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: channelInbound.id });
      if (!inserted) continue;
      stored += 1;
      await enqueue(tx, processInboundJob, { tenantId: ctx.tenantId, inboundId: inserted.id });
    }
    if (stored)
      await tx.db
        .update(channelConnections)
        .set({ lastInboundAt: sql`now()` })
        .where(eq(channelConnections.id, id));
    return { stored };
  });
}
