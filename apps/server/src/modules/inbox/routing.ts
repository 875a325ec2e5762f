import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { appUrl } from '../../platform/app-url';
import { enqueue } from '../../platform/jobs';
import { renderMail, sendMail } from '../../platform/mail';
import { systemContext, withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { ROLES, roleCan } from '../access';
import { findUsersByIds } from '../accounts';
import { conversations, transitionConversation, type ConversationRow } from '../chat';
import { readHandoffSettings, type HandoffSettings } from '../escalation';
import { describeTenant, memberships } from '../tenants';
import { isOnline, noteAssignment } from './common';
import { inboxAgents } from './schema';
import { summarizeJob } from './summary-job';

const REPLY_ROLES = ROLES.filter((role) => roleCan(role, 'conversations.reply'));
const inReplyRoles = sql`${memberships.role} IN (${sql.join(REPLY_ROLES.map((r) => sql`${r}`), sql`, `)})`;
const routed = sql<boolean>`${conversations.routedAt} IS NOT DISTINCT FROM ${conversations.handoffAt}`;

/**
 * Round-robin among online members with room: the one given a conversation longest ago
 * first, skipping anyone at capacity (their own, or the workspace default). Serialized per
 * workspace with a transaction-scoped advisory lock, so two hand-offs at once can't both
 * fill someone's last slot.
 */
export async function autoAssign(tx: Tx, ctx: ServiceContext, conversation: ConversationRow, settings: HandoffSettings): Promise<string | null> {
  await tx.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`inbox.assign:${ctx.tenantId}`}))`);
  const open = sql<number>`(SELECT count(*)::int FROM conversations c WHERE c.assignee_id = ${memberships.userId} AND c.status = 'human')`;
  const [pick] = await tx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(inboxAgents, eq(inboxAgents.userId, memberships.userId))
    .where(and(inReplyRoles, isOnline, sql`${open} < coalesce(${inboxAgents.capacity}, ${settings.defaultCapacity})`))
    .orderBy(sql`${inboxAgents.lastAssignedAt} ASC NULLS FIRST`, asc(memberships.userId))
    .limit(1);
  if (!pick) return null;
  await transitionConversation(tx, ctx, conversation, { event: 'conversation.assigned', to: 'human', assigneeId: pick.userId, reason: 'Assigned round-robin to an online member with room.', set: { askContact: false } });
  await noteAssignment(tx, ctx, pick.userId);
  await enqueue(tx, summarizeJob, { tenantId: ctx.tenantId, conversationId: conversation.id });
  return pick.userId;
}

async function lockPending(tx: Tx, id: string) {
  const [row] = await tx.db.select({ conversation: conversations, routed }).from(conversations).where(eq(conversations.id, id)).for('update');
  return row && row.conversation.status === 'pending_human' ? row : null;
}

/** On-duty members who can reply and are not online in the inbox (they would see it there). */
async function offlineOnDuty(tx: Tx): Promise<string[]> {
  const rows = await tx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .leftJoin(inboxAgents, eq(inboxAgents.userId, memberships.userId))
    .where(and(inReplyRoles, sql`coalesce(${inboxAgents.onDuty}, true)`, sql`NOT coalesce(${isOnline}, false)`));
  return rows.map((r) => r.userId);
}

function waitingMail(to: string, workspace: string, tenantId: string, conversation: ConversationRow) {
  return renderMail({
    to,
    subject: `A visitor is waiting for a person in ${workspace}`,
    greeting: 'Hello,',
    paragraphs: [
      `A conversation in ${workspace} is waiting for someone from the team.`,
      ...(conversation.title ? [`“${conversation.title}”`] : []),
      ...(conversation.handoffReason ? [`Why: ${conversation.handoffReason}`] : []),
    ],
    action: { label: 'Open the conversation', url: `${appUrl()}/w/${tenantId}/inbox/${conversation.id}` },
    footer: 'You get this mail while you are on duty and not online in the inbox; switch "on duty" off in the inbox to stop it.',
  });
}

/**
 * What happens after a hand-off (a job enqueued with `conversation.handoff_requested`):
 * auto-assignment when the workspace has it, else mail to on-duty members who are offline.
 * Once per hand-off: `routed_at` takes the hand-off's time in the transaction that routes it.
 */
export async function routeHandoff(tenantId: string, conversationId: string): Promise<{ assignedTo: string | null; mailed: number }> {
  const ctx = systemContext(tenantId, 'inbox.routing');
  const first = await withTenant(ctx, async (tx) => {
    const row = await lockPending(tx, conversationId);
    if (!row || row.routed) return null;
    const settings = await readHandoffSettings(tx);
    const assignedTo = settings.autoAssign ? await autoAssign(tx, ctx, row.conversation, settings) : null;
    if (assignedTo || !settings.notifyByEmail) {
      await tx.db.update(conversations).set({ routedAt: sql`${conversations.handoffAt}` }).where(eq(conversations.id, conversationId));
      return { assignedTo, recipients: [] };
    }
    return { assignedTo: null, recipients: await offlineOnDuty(tx) };
  });
  if (!first) return { assignedTo: null, mailed: 0 };
  if (first.assignedTo || !first.recipients.length) {
    if (!first.assignedTo) await withTenant(ctx, (tx) => tx.db.update(conversations).set({ routedAt: sql`${conversations.handoffAt}` }).where(eq(conversations.id, conversationId)));
    return { assignedTo: first.assignedTo, mailed: 0 };
  }
  // Addresses and the workspace name are platform reads: outside the tenant transaction.
  const [people, workspace] = await Promise.all([findUsersByIds(first.recipients), describeTenant(tenantId)]);
  return withTenant(ctx, async (tx) => {
    const row = await lockPending(tx, conversationId);
    if (!row || row.routed) return { assignedTo: null, mailed: 0 };
    let mailed = 0;
    for (const person of people.values()) {
      await sendMail(waitingMail(person.email, workspace?.name ?? 'your workspace', tenantId, row.conversation));
      mailed++;
    }
    await tx.db.update(conversations).set({ routedAt: sql`${conversations.handoffAt}` }).where(eq(conversations.id, conversationId));
    return { assignedTo: null, mailed };
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
      .where(and(eq(conversations.status, 'pending_human'), isNull(conversations.assigneeId)))
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
