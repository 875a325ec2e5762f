import { and, eq, sql } from 'drizzle-orm';
import { newId } from '../../platform/ids';
import { z } from 'zod';
import { defineJob, enqueue } from '../../platform/jobs';
import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { messages } from '../chat';
import { openCredentials } from './credentials';
import { withSources } from './format';
import { recordHealth } from './manage-channels';
import { adapterFor, PlatformError } from './platforms';
import { attachmentOf, sendSpecial } from './outbound-media';
import { MAX_SEND_ATTEMPTS } from './settings';
import { channelConnections, channelOutbound, channelThreads } from './schema';

/** Sends one queued message; retries are scheduled by sendQueued itself (with the platform's wait). */
export const sendJob = defineJob({
  name: 'channels.send',
  data: z.object({ tenantId: z.string(), outboundId: z.string() }),
  retryLimit: 5,
  expireInSeconds: 120,
  handler: ({ tenantId, outboundId }) => sendQueued(tenantId, outboundId),
});

/** Who writes to the customer: the bot (answers, hand-off notices) and the team. */
const SENT_ROLES = new Set(['assistant', 'human']);

/**
 * A message of a conversation that came from a channel joins that connection's send queue,
 * once (unique per message), in the transaction that wrote it: no commit, nothing sent.
 */
export async function queueReplyInTx(
  tx: Tx,
  tenantId: string,
  conversationId: string,
  messageId: string,
): Promise<void> {
  const [thread] = await tx.db.select().from(channelThreads).where(eq(channelThreads.conversationId, conversationId));
  if (!thread) return;
  const [message] = await tx.db.select().from(messages).where(eq(messages.id, messageId));
  if (!message || !SENT_ROLES.has(message.role) || message.status !== 'complete' || !message.content.trim()) return;
  const file = message.role === 'human' ? attachmentOf(message.content) : null;
  const [row] = await tx.db
    .insert(channelOutbound)
    .values({
      tenantId,
      id: newId('cho'),
      connectionId: thread.connectionId,
      threadKey: thread.threadKey,
      messageId,
      text: file ? file.caption : withSources(message.content, message.citations),
      ...(file && { attachmentId: file.attachmentId }),
    })
    .onConflictDoNothing()
    .returning({ id: channelOutbound.id });
  if (row) await enqueue(tx, sendJob, { tenantId, outboundId: row.id });
}

/**
 * Sends one queued message, part by part (parts already delivered are skipped on a retry).
 * A rate limit or a platform failure schedules the next attempt after the wait the platform
 * asked for (Retry-After), in the same transaction that records it; a permanent refusal marks
 * the message failed and shows on the connection's health.
 */
export async function sendQueued(tenantId: string, outboundId: string): Promise<void> {
  const ctx = systemContext(tenantId, 'channels.send');
  const loaded = await withTenant(ctx, async (tx) => {
    const [out] = await tx.db.select().from(channelOutbound).where(eq(channelOutbound.id, outboundId));
    if (!out || out.status !== 'pending') return null;
    const [connection] = await tx.db
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.id, out.connectionId));
    return connection ? { out, connection } : null;
  });
  if (!loaded) return;
  const { out, connection } = loaded;
  const adapter = adapterFor(connection.type);
  const credentials = openCredentials(tenantId, connection.id, connection.credentialsEnc);
  const special = Boolean(out.template || out.attachmentId);
  const parts = special ? [] : adapter.format(out.text);
  let platformMessageId: string | undefined;
  try {
    if (special) platformMessageId = await sendSpecial(ctx, adapter, credentials, out);
    for (let part = out.partsSent; part < parts.length; part++) {
      platformMessageId = (await adapter.send(credentials, out.threadKey, parts[part]!)) ?? platformMessageId;
      await withTenant(ctx, (tx) =>
        tx.db
          .update(channelOutbound)
          .set({ partsSent: part + 1 })
          .where(eq(channelOutbound.id, outboundId)),
      );
    }
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    await failed(tenantId, outboundId, out.attempts + 1, error);
    await recordHealth(ctx, connection.id, { error: error.message });
    return;
  }
  await withTenant(ctx, (tx) =>
    tx.db
      .update(channelOutbound)
      .set({
        status: 'sent',
        sentAt: new Date(),
        attempts: out.attempts + 1,
        error: null,
        ...(platformMessageId && { platformMessageId }),
      })
      .where(and(eq(channelOutbound.id, outboundId), eq(channelOutbound.status, 'pending'))),
  );
  await recordHealth(ctx, connection.id, { outbound: true });
}

async function failed(tenantId: string, outboundId: string, attempts: number, error: PlatformError): Promise<void> {
  const ctx = systemContext(tenantId, 'channels.send');
  const again = error.retryable && attempts < MAX_SEND_ATTEMPTS;
  // Without a wait from the platform: 2, 4, 8 … seconds.
  const wait = error.retryAfterSeconds ?? 2 ** attempts;
  await withTenant(ctx, async (tx) => {
    await tx.db
      .update(channelOutbound)
      .set({
        attempts,
        error: error.message.slice(0, 500),
        status: again ? 'pending' : 'failed',
        nextAttemptAt: again ? sql`now() + make_interval(secs => ${wait})` : null,
      })
      .where(eq(channelOutbound.id, outboundId));
    if (again) await enqueue(tx, sendJob, { tenantId, outboundId }, { startAfterSeconds: wait });
  });
}
