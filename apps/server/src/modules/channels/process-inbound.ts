import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { rootLogger } from '../../platform/log';
import { systemContext, withTenant, type ServiceContext } from '../../platform/tenancy';
import { conversations, createConversation, runTurn } from '../chat';
import { takeChannelRating } from './channel-rating';
import { openCredentials } from './credentials';
import { identifySender } from './identify';
import { inboundContent } from './inbound-media';
import { recordHealth } from './manage-channels';
import { adapterFor } from './platforms';
import {
  channelConnections,
  channelInbound,
  channelThreads,
  type ChannelConnectionRow,
  type ChannelInboundRow,
} from './schema';

/** Answers one stored inbound message (at least once: processInbound is keyed so it answers once). */
export const processInboundJob = defineJob({
  name: 'channels.inbound',
  data: z.object({ tenantId: z.string(), inboundId: z.string() }),
  retryLimit: 5,
  expireInSeconds: 300,
  handler: ({ tenantId, inboundId }) => processInbound(tenantId, inboundId),
});

/** The customer as the turn engine sees them: a visitor of this connection, one per sender or thread. */
const visitorOf = (tenantId: string, inbound: ChannelInboundRow): ServiceContext => ({
  tenantId,
  actor: { type: 'visitor', visitorId: `${inbound.connectionId}:${inbound.threadKey}` },
  requestId: `channel:${inbound.id}`,
});

/**
 * The conversation of the message's sender or thread: the one it talks in, or a new one when
 * there is none or it was closed. Serialised per thread (an advisory lock), so two messages
 * of a new sender arriving together start one conversation.
 */
async function conversationFor(
  ctx: ServiceContext,
  connection: ChannelConnectionRow,
  inbound: ChannelInboundRow,
): Promise<string> {
  return withTenant(ctx, async (tx) => {
    await tx.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${inbound.connectionId}:${inbound.threadKey}`}))`);
    const [thread] = await tx.db
      .select({ conversationId: channelThreads.conversationId, status: conversations.status })
      .from(channelThreads)
      .leftJoin(conversations, eq(conversations.id, channelThreads.conversationId))
      .where(
        and(eq(channelThreads.connectionId, inbound.connectionId), eq(channelThreads.threadKey, inbound.threadKey)),
      );
    const at = new Date();
    if (thread && thread.status && thread.status !== 'closed') {
      await tx.db
        .update(channelThreads)
        .set({ lastInboundAt: at, profile: inbound.profile })
        .where(
          and(eq(channelThreads.connectionId, inbound.connectionId), eq(channelThreads.threadKey, inbound.threadKey)),
        );
      return thread.conversationId;
    }
    const conversation = await createConversation(ctx, {
      agentId: connection.agentId,
      channel: connection.type,
      visitorId: (ctx.actor as { visitorId: string }).visitorId,
      metadata: { visitor: inbound.profile, channelConnectionId: connection.id },
    });
    await tx.db
      .insert(channelThreads)
      .values({
        tenantId: ctx.tenantId,
        connectionId: inbound.connectionId,
        threadKey: inbound.threadKey,
        conversationId: conversation.id,
        profile: inbound.profile,
        lastInboundAt: at,
      })
      .onConflictDoUpdate({
        target: [channelThreads.tenantId, channelThreads.connectionId, channelThreads.threadKey],
        set: { conversationId: conversation.id, profile: inbound.profile, lastInboundAt: at },
      });
    return conversation.id;
  });
}

/**
 * Answers one stored inbound message with the same turn engine as the widget. The turn is
 * keyed by the inbound row (its Idempotency-Key), so a job run again after a crash replays the
 * stored answer instead of writing a second one; the answer reaches the platform through the
 * send queue (message.created), like any other message of the conversation.
 */
export async function processInbound(tenantId: string, inboundId: string): Promise<void> {
  const system = systemContext(tenantId, 'channels.inbound');
  const loaded = await withTenant(system, async (tx) => {
    const [inbound] = await tx.db.select().from(channelInbound).where(eq(channelInbound.id, inboundId));
    if (!inbound || inbound.processedAt) return null;
    const [connection] = await tx.db
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.id, inbound.connectionId));
    return connection ? { inbound, connection } : null;
  });
  if (!loaded) return;
  const { inbound, connection } = loaded;
  const ctx = visitorOf(tenantId, inbound);
  if (await takeChannelRating(ctx, inbound)) return;
  const conversationId = await conversationFor(ctx, connection, await identifySender(tenantId, connection, inbound));
  const adapter = adapterFor(connection.type);
  const credentials = openCredentials(tenantId, connection.id, connection.credentialsEnc);
  // "Typing…" is a courtesy: the answer matters, not whether the platform showed it.
  void adapter
    .typing?.(credentials, inbound.threadKey)
    .catch((error: Error) =>
      rootLogger().debug({ err: error, connectionId: connection.id }, 'typing indicator not shown'),
    );
  const content = await inboundContent(ctx, connection, inbound, conversationId);
  let failure: string | null = null;
  try {
    const turn = runTurn(
      ctx,
      conversationId,
      { content, idempotencyKey: `channel:${inbound.id}` },
      new AbortController().signal,
    );
    for await (const event of turn) if (event.event === 'error') failure = event.data.message;
  } catch (error) {
    // Refusals (a paused agent, a closed conversation) will not change on a retry; the rest may.
    const status = (error as { status?: number }).status;
    if (!status || status >= 500) throw error;
    failure = (error as Error).message;
  }
  if (failure) await recordHealth(system, connection.id, { error: `Answering failed: ${failure}` });
  await withTenant(system, (tx) =>
    tx.db.update(channelInbound).set({ processedAt: new Date() }).where(eq(channelInbound.id, inboundId)),
  );
}
