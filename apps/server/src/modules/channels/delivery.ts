import { and, eq, sql } from 'drizzle-orm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { getConversation, messages } from '../chat';
import type { DeliveryStatus } from './platforms/types';
import { channelConnections, channelOutbound } from './schema';

/** How far a message got: a late "delivered" never undoes "read"; "failed" is final. */
const RANK = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/**
 * Delivery statuses the platform reported (WhatsApp's `statuses[]`), recorded on the messages
 * they name, in the webhook's own request (a few indexed updates). A failure puts the
 * platform's reason on the message and on the connection's health. Statuses for messages
 * Switchboard does not know (sent from elsewhere) change nothing.
 */
export async function recordDeliveryStatuses(
  ctx: ServiceContext,
  connectionId: string,
  statuses: DeliveryStatus[],
): Promise<number> {
  if (!statuses.length) return 0;
  return withTenant(ctx, async (tx) => {
    let recorded = 0;
    for (const status of statuses) {
      const rank = RANK[status.status];
      const updated = await tx.db
        .update(channelOutbound)
        .set({
          delivery: status.status,
          deliveryAt: status.at,
          ...(status.status === 'failed' && {
            status: 'failed',
            error: (status.error ?? 'Not delivered').slice(0, 500),
          }),
        })
        .where(
          and(
            eq(channelOutbound.connectionId, connectionId),
            eq(channelOutbound.platformMessageId, status.platformMessageId),
            sql`CASE ${channelOutbound.delivery} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END < ${rank}`,
          ),
        )
        .returning({ id: channelOutbound.id });
      recorded += updated.length;
      if (updated.length && status.status === 'failed')
        await tx.db
          .update(channelConnections)
          .set({ lastError: (status.error ?? 'A message was not delivered').slice(0, 500), lastErrorAt: new Date() })
          .where(eq(channelConnections.id, connectionId));
    }
    return recorded;
  });
}

export interface MessageDelivery {
  /** The send queue: pending (waiting or retrying), sent (the platform took it), failed. */
  status: 'pending' | 'sent' | 'failed';
  /** What the platform reported since, where it reports (WhatsApp). */
  delivery: DeliveryStatus['status'] | null;
  error: string | null;
}

/** How each message of a channel conversation fared on the way to the customer, by message id. */
export async function channelDeliveryOf(
  ctx: ServiceContext,
  conversationId: string,
): Promise<Record<string, MessageDelivery>> {
  assertCan(ctx, 'conversations.read');
  await getConversation(ctx, conversationId);
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select({
        messageId: channelOutbound.messageId,
        status: channelOutbound.status,
        delivery: channelOutbound.delivery,
        error: channelOutbound.error,
      })
      .from(channelOutbound)
      .innerJoin(messages, eq(messages.id, channelOutbound.messageId))
      .where(eq(messages.conversationId, conversationId)),
  );
  return Object.fromEntries(rows.map(({ messageId, ...rest }) => [messageId, rest]));
}
