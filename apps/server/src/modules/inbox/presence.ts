import { sql } from 'drizzle-orm';
import { presenceInput } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { sendJob } from '../../platform/jobs';
import { realtimeHub } from '../../platform/realtime';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { actingMember, ONLINE_WINDOW_SECONDS } from './common';
import { routeWaitingJob } from './routing-jobs';

/**
 * A member's heartbeat from the dashboard (every 30 s, and at once on a change): stored, so
 * that auto-assignment on any server sees who is online, and published as an ephemeral
 * `inbox.presence` event when it changes (or after a lapse) so teammates see it live. Coming
 * online routes the conversations that waited for someone.
 */
export async function heartbeat(
  ctx: ServiceContext,
  input: z.input<typeof presenceInput>,
): Promise<{ status: string; changed: boolean }> {
  assertCan(ctx, 'conversations.read');
  const me = actingMember(ctx);
  const { status } = presenceInput.parse(input);
  const { rows } = await withTenant(ctx, (tx) =>
    tx.db.execute<{ was: string | null }>(sql`
      WITH before AS (
        SELECT CASE WHEN status = 'online' AND last_seen_at <= now() - make_interval(secs => ${ONLINE_WINDOW_SECONDS}) THEN 'offline' ELSE status END AS was
          FROM inbox_agents WHERE user_id = ${me}
      )
      INSERT INTO inbox_agents (tenant_id, user_id, status, last_seen_at, updated_at) VALUES (${ctx.tenantId}, ${me}, ${status}, now(), now())
      ON CONFLICT (tenant_id, user_id) DO UPDATE SET status = EXCLUDED.status, last_seen_at = now(), updated_at = now()
      RETURNING (SELECT was FROM before) AS was`),
  );
  const was = rows[0]?.was ?? 'offline';
  const changed = was !== status;
  if (changed) {
    await realtimeHub().publishEphemeral(ctx.tenantId, 'inbox.presence', { userId: me, status });
    if (status === 'online') await sendJob(routeWaitingJob, { tenantId: ctx.tenantId }, { singletonKey: ctx.tenantId });
  }
  return { status, changed };
}
