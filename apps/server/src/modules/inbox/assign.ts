import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { enqueue } from '../../platform/jobs';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { ROLES, roleCan } from '../access';
import { conversations, transitionConversation, type ConversationRow } from '../chat';
import type { HandoffSettings } from '../escalation';
import { memberships } from '../tenants';
import { isOnline, noteAssignment } from './common';
import { inboxAgents } from './schema';
import { summarizeJob } from './summary-job';

const REPLY_ROLES = ROLES.filter((role) => roleCan(role, 'conversations.reply'));
/** SQL: the membership's role can reply to conversations. */
export const inReplyRoles = sql`${memberships.role} IN (${sql.join(
  REPLY_ROLES.map((r) => sql`${r}`),
  sql`, `,
)})`;
/** SQL: the conversation's current hand-off has been routed (assigned, or its mail decided). */
export const routed = sql<boolean>`${conversations.routedAt} IS NOT DISTINCT FROM ${conversations.handoffAt}`;

/** Marks the current hand-off of these conversations routed: nothing routes or mails them again. */
export async function markRouted(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length)
    await tx.db
      .update(conversations)
      .set({ routedAt: sql`${conversations.handoffAt}` })
      .where(inArray(conversations.id, ids));
}

/** The conversation, locked, if it still waits for a person; with whether its hand-off was routed. */
export async function lockPending(tx: Tx, id: string) {
  const [row] = await tx.db
    .select({ conversation: conversations, routed })
    .from(conversations)
    .where(eq(conversations.id, id))
    .for('update');
  return row && row.conversation.status === 'pending_human' ? row : null;
}

/**
 * Round-robin among online members with room: the one given a conversation longest ago
 * first, skipping anyone at capacity (their own, or the workspace default). Serialized per
 * workspace with a transaction-scoped advisory lock, so two hand-offs at once can't both
 * fill someone's last slot.
 */
export async function autoAssign(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  settings: HandoffSettings,
): Promise<string | null> {
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
  await transitionConversation(tx, ctx, conversation, {
    event: 'conversation.assigned',
    to: 'human',
    assigneeId: pick.userId,
    reason: 'Assigned round-robin to an online member with room.',
    set: { askContact: false },
  });
  await noteAssignment(tx, ctx, pick.userId);
  await enqueue(tx, summarizeJob, { tenantId: ctx.tenantId, conversationId: conversation.id });
  return pick.userId;
}
