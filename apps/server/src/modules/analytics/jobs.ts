import { reactionData, type EventReaction } from '../../platform/events';
import { defineJob } from '../../platform/jobs';
import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { handoffCause, lockAnalytics, refreshConversationFacts, workspaceHours } from './facts';
import { refreshDaily } from './rollup';

/** The events after which a conversation's numbers may have changed. */
export const ANALYTICS_EVENTS = [
  'conversation.created',
  'conversation.handoff_requested',
  'conversation.assigned',
  'conversation.taken_over',
  'conversation.released',
  'conversation.unassigned',
  'conversation.closed',
  'conversation.reopened',
  'message.created',
  'csat.submitted',
  'answer.rated',
  'lead.created',
  'lead.deleted',
] as const;

/**
 * Brings one conversation's facts and the daily rows they count in up to date, in one
 * transaction. Safe to run any number of times, in any order: everything but the hand-off
 * cause is recomputed from the conversation's rows.
 */
export async function refreshConversation(
  tx: Tx,
  conversationId: string,
  cause: string | null = null,
  now = new Date(),
): Promise<void> {
  await lockAnalytics(tx);
  const hours = await workspaceHours(tx);
  const keys = await refreshConversationFacts(tx, conversationId, { hours, cause, now });
  for (const key of keys) await refreshDaily(tx, { from: key.day, to: key.day, ...key });
}

export const refreshJob = defineJob({
  name: 'analytics.refresh',
  data: reactionData,
  retryLimit: 10,
  batchSize: 20,
  async handler({ tenantId, type, payload }) {
    const conversationId = payload.conversationId;
    if (typeof conversationId !== 'string' || !conversationId) return;
    const cause = type === 'conversation.handoff_requested' ? handoffCause(payload.source) : null;
    await withTenant(systemContext(tenantId, 'analytics.refresh'), (tx) =>
      refreshConversation(tx, conversationId, cause),
    );
  },
});

export const analyticsReactions: EventReaction[] = ANALYTICS_EVENTS.map((event) => ({ event, job: refreshJob }));
