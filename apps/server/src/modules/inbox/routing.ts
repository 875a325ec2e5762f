import { and, asc, eq, isNull } from 'drizzle-orm';
import { systemContext, withTenant } from '../../platform/tenancy';
import { conversations } from '../chat';
import { readHandoffSettings } from '../escalation';
import { autoAssign, lockPending, markRouted } from './assign';
import { queueHandoffMail } from './handoff-mail';
import { notTest } from './list';
import { startWaiting } from './waiting';

/**
 * What happens after a hand-off (a job enqueued with `conversation.handoff_requested`):
 * auto-assignment when the workspace has it, else a mail to on-duty members who are offline;
 * and for the visitor, the wait for a person (see waiting.ts).
 * The mail is the workspace's: queued here, it tells of every hand-off waiting for one, so a
 * burst of hand-offs is one mail per member, not one each (see handoff-mail). Once per
 * hand-off: `routed_at` takes the hand-off's time in the transaction that routes it.
 */
export async function routeHandoff(
  tenantId: string,
  conversationId: string,
): Promise<{ assignedTo: string | null; mailQueued: boolean }> {
  const ctx = systemContext(tenantId, 'inbox.routing');
  return withTenant(ctx, async (tx) => {
    const row = await lockPending(tx, conversationId);
    if (!row || row.routed) return { assignedTo: null, mailQueued: false };
    // An editor's playground test: nobody is assigned or mailed.
    if (row.conversation.channel === 'playground') {
      await markRouted(tx, [conversationId]);
      return { assignedTo: null, mailQueued: false };
    }
    const settings = await readHandoffSettings(tx);
    const assignedTo = settings.autoAssign ? await autoAssign(tx, ctx, row.conversation, settings) : null;
    if (!assignedTo) await startWaiting(tx, ctx, row.conversation, settings);
    if (assignedTo || !settings.notifyByEmail) {
      await markRouted(tx, [conversationId]);
      return { assignedTo, mailQueued: false };
    }
    await queueHandoffMail(tx, tenantId);
    return { assignedTo: null, mailQueued: true };
  });
}

/** A member came online: give the conversations that waited for someone to whoever has room. */
export async function routeWaiting(tenantId: string): Promise<number> {
  const ctx = systemContext(tenantId, 'inbox.routing');
  const waiting = await withTenant(ctx, async (tx) => {
    if (!(await readHandoffSettings(tx)).autoAssign) return [];
    const rows = await tx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.status, 'pending_human'), isNull(conversations.assigneeId), notTest))
      .orderBy(asc(conversations.handoffAt))
      .limit(20);
    return rows.map((r) => r.id);
  });
  let assigned = 0;
  for (const id of waiting) {
    const who = await withTenant(ctx, async (tx) => {
      const row = await lockPending(tx, id);
      return row ? autoAssign(tx, ctx, row.conversation, await readHandoffSettings(tx)) : null;
    });
    if (!who) break;
    assigned++;
  }
  return assigned;
}
