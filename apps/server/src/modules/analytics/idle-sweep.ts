import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { systemContext, withTenant } from '../../platform/tenancy';
import { activeTenantIds } from '../tenants';
import { refreshConversation } from './jobs';

/** Conversations one sweep takes per workspace; the rest wait for the next sweep. */
const BATCH = 500;

/**
 * Counts the conversations that went idle since the last sweep as resolved by the bot. No
 * event says "nothing happened", so a periodic sweep refreshes the facts whose `idle_due_at`
 * has passed (found through a partial index, never a scan of the facts or the messages). A
 * conversation that moves again is refreshed by its own events, which move `idle_due_at` on.
 */
export async function sweepIdleConversations(now = new Date()): Promise<number> {
  let swept = 0;
  for (const tenantId of await activeTenantIds()) {
    swept += await withTenant(systemContext(tenantId, 'analytics.idle-sweep'), async (tx) => {
      const { rows } = await tx.query<{ conversation_id: string }>(
        `SELECT conversation_id FROM analytics_conversations
          WHERE idle_due_at IS NOT NULL AND NOT bot_resolved AND idle_due_at <= $1
          ORDER BY idle_due_at LIMIT ${BATCH}`,
        [now],
      );
      for (const row of rows) await refreshConversation(tx, row.conversation_id, null, now);
      return rows.length;
    });
  }
  return swept;
}

export const idleSweepJob = defineJob({
  name: 'analytics.idle-sweep',
  data: z.object({}),
  retryLimit: 1,
  schedule: { cron: '*/10 * * * *', data: {} },
  async handler() {
    await sweepIdleConversations();
  },
});
