import { reactionData, type EventReaction } from '../../platform/events';
import { defineJob } from '../../platform/jobs';
import { queueReply } from './outbound';

/**
 * Every message of a channel conversation that the customer should see — the bot's answers,
 * hand-off notices, a person's reply from the inbox — goes out the same way: committed, then
 * queued for the conversation's connection by this reaction (never lost with its event).
 */
export const queueReplyJob = defineJob({
  name: 'channels.queue-reply',
  data: reactionData,
  retryLimit: 10,
  batchSize: 50,
  async handler({ tenantId, payload }) {
    const { conversationId, messageId, role } = payload as {
      conversationId?: string;
      messageId?: string;
      role?: string;
    };
    if (role !== 'assistant' && role !== 'human') return;
    if (typeof conversationId !== 'string' || typeof messageId !== 'string') return;
    await queueReply(tenantId, conversationId, messageId);
  },
});

export const channelReactions: EventReaction[] = [{ event: 'message.created', job: queueReplyJob }];
