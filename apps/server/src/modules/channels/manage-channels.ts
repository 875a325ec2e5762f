import { desc, eq } from 'drizzle-orm';
import { createChannelInput, updateChannelInput } from '@switchboard/contract/channels';
import type { z } from 'zod';
import { NotFoundError, UnavailableError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { agents } from '../agents';
import { recordAudit } from '../audit';
import { forgetPublicKey, registerPublicKey } from '../tenants';
import { maskCredentials, openCredentials, parseCredentials, sealCredentials, type Credentials } from './credentials';
import { adapterFor, PlatformError } from './platforms';
import { channelConnections, type ChannelConnectionRow } from './schema';
import { channelView, webhookUrlOf, type ChannelView } from './views';
import { assertFeature, assertFeatureInTransaction, assertWithinLimit } from '../plans';

export async function loadChannel(tx: Tx, id: string, lock = false): Promise<ChannelConnectionRow> {
  const query = tx.db.select().from(channelConnections).where(eq(channelConnections.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Channel', 'not_found', { table: 'channel_connections', id });
  return row;
}

async function assertAgent(tx: Tx, agentId: string): Promise<void> {
  const [agent] = await tx.db.select({ status: agents.status }).from(agents).where(eq(agents.id, agentId));
  if (!agent || agent.status === 'archived')
    throw new ValidationError('That agent does not exist.', [
      { path: 'agentId', message: 'Pick an agent of this workspace' },
    ]);
}

/** A platform's refusal while connecting or testing, said in the platform's words. */
function platformFailure(error: unknown): never {
  if (error instanceof PlatformError) {
    if (error.retryable) throw new UnavailableError(`${error.message}. Try again in a moment.`, 'platform_unavailable');
    throw new ValidationError(error.message, [{ path: 'credentials', message: error.message }], 'platform_refused');
  }
  throw error;
}

/**
 * Connects an account: the credentials are checked with the platform first (a wrong token is
 * a 400 now, not silence later), Telegram's webhook is set with our secret token, then the
 * connection is stored with its credentials encrypted.
 */
export async function createChannel(
  ctx: ServiceContext,
  input: z.input<typeof createChannelInput>,
): Promise<ChannelView> {
  assertCan(ctx, 'channels.manage');
  await assertFeature(ctx, 'channels');
  const data = createChannelInput.parse(input);
  const credentials = parseCredentials(data.type, data.credentials);
  await withTenant(ctx, (tx) => assertAgent(tx, data.agentId));
  const id = newId('chn');
  const adapter = adapterFor(data.type);
  try {
    await adapter.test(credentials);
  } catch (error) {
    platformFailure(error);
  }
  // Registered before the row names it: a crash in between leaves a key that leads nowhere.
  await registerPublicKey(id, ctx.tenantId, 'channel');
  const row = await withTenant(ctx, async (tx) => {
    await assertFeatureInTransaction(tx, 'channels');
    await assertWithinLimit(tx, ctx, 'channels');
    const [inserted] = await tx.db
      .insert(channelConnections)
      .values({
        tenantId: ctx.tenantId,
        id,
        type: data.type,
        name: data.name,
        agentId: data.agentId,
        credentialsEnc: sealCredentials(ctx.tenantId, id, credentials),
        masked: maskCredentials(credentials),
        verifyToken: 'verifyToken' in credentials ? credentials.verifyToken : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'channel.created',
      targetType: 'channel',
      targetId: id,
      after: { type: data.type, name: data.name, agentId: data.agentId },
    });
    return inserted!;
  });
  try {
    await adapter.connect?.(credentials, webhookUrlOf(id));
  } catch (error) {
    await recordHealth(ctx, id, { error: (error as Error).message });
    platformFailure(error);
  }
  return channelView(row);
}

export async function listChannels(ctx: ServiceContext): Promise<ChannelView[]> {
  assertCan(ctx, 'channels.manage');
  const rows = await withTenant(ctx, (tx) =>
    tx.db.select().from(channelConnections).orderBy(desc(channelConnections.id)),
  );
  return rows.map(channelView);
}

export async function getChannel(ctx: ServiceContext, id: string): Promise<ChannelView> {
  assertCan(ctx, 'channels.manage');
  return channelView(await withTenant(ctx, (tx) => loadChannel(tx, id)));
}

export async function updateChannel(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateChannelInput>,
): Promise<ChannelView> {
  assertCan(ctx, 'channels.manage');
  const patch = updateChannelInput.parse(input);
  const current = await withTenant(ctx, (tx) => loadChannel(tx, id));
  let credentials: Credentials | null = null;
  if (patch.credentials) {
    credentials = parseCredentials(current.type, patch.credentials);
    try {
      await adapterFor(current.type).test(credentials);
      await adapterFor(current.type).connect?.(credentials, webhookUrlOf(id));
    } catch (error) {
      platformFailure(error);
    }
  }
  return withTenant(ctx, async (tx) => {
    const before = await loadChannel(tx, id, true);
    if (patch.agentId) await assertAgent(tx, patch.agentId);
    const [row] = await tx.db
      .update(channelConnections)
      .set({
        name: patch.name ?? before.name,
        agentId: patch.agentId ?? before.agentId,
        enabled: patch.enabled ?? before.enabled,
        ...(credentials && {
          credentialsEnc: sealCredentials(ctx.tenantId, id, credentials),
          masked: maskCredentials(credentials),
          verifyToken: 'verifyToken' in credentials ? credentials.verifyToken : null,
          lastError: null,
          lastErrorAt: null,
        }),
        updatedAt: new Date(),
      })
      .where(eq(channelConnections.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'channel.updated',
      targetType: 'channel',
      targetId: id,
      before: { name: before.name, agentId: before.agentId, enabled: before.enabled },
      after: {
        name: row!.name,
        agentId: row!.agentId,
        enabled: row!.enabled,
        credentialsChanged: Boolean(credentials),
      },
    });
    return channelView(row!);
  });
}

export async function deleteChannel(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'channels.manage');
  await withTenant(ctx, async (tx) => {
    const row = await loadChannel(tx, id, true);
    await tx.db.delete(channelConnections).where(eq(channelConnections.id, id));
    await recordAudit(tx, ctx, {
      action: 'channel.deleted',
      targetType: 'channel',
      targetId: id,
      before: { type: row.type, name: row.name },
    });
  });
  await forgetPublicKey(id, ctx.tenantId);
}

/** Asks the platform whether the stored credentials still work; the answer goes to the health. */
export async function testChannel(ctx: ServiceContext, id: string): Promise<{ ok: boolean; detail: string }> {
  assertCan(ctx, 'channels.manage');
  const row = await withTenant(ctx, (tx) => loadChannel(tx, id));
  try {
    const detail = await adapterFor(row.type).test(openCredentials(ctx.tenantId, id, row.credentialsEnc));
    return { ok: true, detail };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    await recordHealth(ctx, id, { error: error.message });
    return { ok: false, detail: error.message };
  }
}

/** Health a connection shows: last message in or out, last error. Never fails its caller's work. */
export async function recordHealth(
  ctx: ServiceContext,
  id: string,
  what: { inbound?: true; outbound?: true; error?: string },
): Promise<void> {
  const at = new Date();
  await withTenant(ctx, (tx) =>
    tx.db
      .update(channelConnections)
      .set({
        ...(what.inbound && { lastInboundAt: at }),
        ...(what.outbound && { lastOutboundAt: at }),
        ...(what.error !== undefined && { lastError: what.error.slice(0, 500), lastErrorAt: at }),
      })
      .where(eq(channelConnections.id, id)),
  );
}
