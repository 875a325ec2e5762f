import { eq } from 'drizzle-orm';
import { ConflictError } from '../../platform/errors';
import type { Tx } from '../../platform/tenancy';
import { channelConnections, channelThreads } from './schema';
import { WHATSAPP_WINDOW_MS } from './settings';

/**
 * WhatsApp lets a business write freely only within 24 hours of the customer's last message;
 * after that only an approved template may open the conversation again. A person's reply from
 * the inbox is refused then, in the transaction that would store it, rather than stored and
 * never delivered.
 */
export async function assertChannelReplyAllowed(tx: Tx, conversationId: string, at = new Date()): Promise<void> {
  const [thread] = await tx.db
    .select({ type: channelConnections.type, lastInboundAt: channelThreads.lastInboundAt })
    .from(channelThreads)
    .innerJoin(channelConnections, eq(channelConnections.id, channelThreads.connectionId))
    .where(eq(channelThreads.conversationId, conversationId));
  if (!thread || thread.type !== 'whatsapp') return;
  if (at.getTime() - thread.lastInboundAt.getTime() <= WHATSAPP_WINDOW_MS) return;
  throw new ConflictError(
    'The customer last wrote more than 24 hours ago: WhatsApp only delivers an approved message template now: choose one in the composer, or wait for the customer to write again.',
    'whatsapp_window_closed',
    { lastCustomerMessageAt: thread.lastInboundAt.toISOString() },
  );
}
