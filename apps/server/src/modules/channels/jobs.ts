import { type EventReaction, type InTransactionReaction } from '../../platform/events';
import { rootLogger } from '../../platform/log';
import { queueReplyInTx } from './outbound';

/**
 * Every message of a channel conversation that the customer should see — the bot's answers,
 * hand-off notices, a person's reply from the inbox — goes out the same way: queued in the
 * transaction that writes it (a conversation not from a channel costs one indexed read). A
 * failure rolls back to a savepoint and is logged: a channel problem never undoes the message.
 */
const queueNow: InTransactionReaction = async (tx, { tenantId, payload }) => {
  const { conversationId, messageId, role } = payload as {
    conversationId?: unknown;
    messageId?: unknown;
    role?: unknown;
  };
  if (role !== 'assistant' && role !== 'human') return;
  if (typeof conversationId !== 'string' || typeof messageId !== 'string') return;
  const { rows } = await tx.query('SELECT 1 FROM channel_threads WHERE conversation_id = $1 LIMIT 1', [conversationId]);
  if (!rows.length) return;
  await tx.query('SAVEPOINT channels_queue');
  try {
    await queueReplyInTx(tx, tenantId, conversationId, messageId);
    await tx.query('RELEASE SAVEPOINT channels_queue');
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT channels_queue');
    rootLogger().error({ err: error, tenantId, conversationId, messageId }, 'channel reply not queued');
  }
};

export const channelReactions: EventReaction[] = [{ event: 'message.created', inTransaction: queueNow }];
