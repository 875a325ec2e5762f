import { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { handoffCause, lockAnalytics, refreshConversationFacts, workspaceHours } from './facts';
import { DATE, checkRange } from './range';
import { refreshDaily } from './rollup';

export const rebuildInput = z.object({ from: z.string().regex(DATE), to: z.string().regex(DATE) });

const BATCH = 200;

/**
 * Recomputes the facts of every conversation that started in a range of local days, then the
 * daily rows of those days, from the source rows: what the incremental path would have built.
 * Hand-off causes come from the outbox while it keeps the events, else the ones recorded.
 */
export async function rebuildAnalytics(
  ctx: ServiceContext,
  input: z.input<typeof rebuildInput>,
): Promise<{ conversations: number; days: number }> {
  assertCan(ctx, 'analytics.read');
  const { from, to } = rebuildInput.parse(input);
  const days = checkRange(from, to);
  const { ids, causes, hours } = await withTenant(ctx, async (tx) => {
    const hours = await workspaceHours(tx);
    const timeZone = hours.timezone;
    const found = await tx.query<{ id: string }>(
      `SELECT id FROM conversations WHERE (created_at AT TIME ZONE $1)::date BETWEEN $2::date AND $3::date
        UNION SELECT conversation_id FROM analytics_conversations WHERE day BETWEEN $2::date AND $3::date`,
      [timeZone, from, to],
    );
    const events = await tx.query<{ conversation_id: string; source: string | null }>(
      `SELECT DISTINCT ON (payload->>'conversationId') payload->>'conversationId' AS conversation_id, payload->>'source' AS source
         FROM events_outbox WHERE type = 'conversation.handoff_requested'
        ORDER BY payload->>'conversationId', id`,
    );
    return {
      ids: found.rows.map((r) => r.id),
      causes: new Map(events.rows.map((r) => [r.conversation_id, handoffCause(r.source)])),
      hours,
    };
  });
  for (let i = 0; i < ids.length; i += BATCH) {
    await withTenant(ctx, async (tx) => {
      await lockAnalytics(tx);
      for (const id of ids.slice(i, i + BATCH)) {
        // The outbox's cause wins over the recorded one: a rebuild repairs causes too.
        if (causes.has(id))
          await tx.query('UPDATE analytics_conversations SET handoff_cause = NULL WHERE conversation_id = $1', [id]);
        await refreshConversationFacts(tx, id, { hours, cause: causes.get(id) ?? null });
      }
    });
  }
  await withTenant(ctx, async (tx) => {
    await lockAnalytics(tx);
    await refreshDaily(tx, { from, to });
  });
  return { conversations: ids.length, days };
}
