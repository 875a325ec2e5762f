import { eq, sql } from 'drizzle-orm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { roleCan } from '../access';
import { memberships } from '../tenants';
import { inboxAgents } from './schema';

/** A member's heartbeat keeps them online this long (the dashboard beats every 30 s). */
export const ONLINE_WINDOW_SECONDS = 90;

/** The member acting: inbox work is a person's (replies have an author, "me" means someone). */
export function actingMember(ctx: ServiceContext): string {
  if (ctx.actor.type !== 'user')
    throw new ForbiddenError('Only a member of the team can do this, signed in to the dashboard.');
  return ctx.actor.userId;
}

/** A member who may be given conversations (their role can reply). 404 for a stranger, 409 for a viewer. */
export async function assertAssignable(tx: Tx, userId: string): Promise<void> {
  const [member] = await tx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  if (!member) throw new NotFoundError('Member', 'not_found', { table: 'memberships', column: 'user_id', id: userId });
  if (!roleCan(member.role, 'conversations.reply'))
    throw new ConflictError('This member’s role can only read conversations.', 'not_assignable');
}

/** SQL: the inbox_agents row is online (status and a recent heartbeat). */
export const isOnline = sql<boolean>`(${inboxAgents.status} = 'online' AND ${inboxAgents.lastSeenAt} > now() - make_interval(secs => ${ONLINE_WINDOW_SECONDS}))`;

/** Round-robin bookkeeping: whoever was given a conversation last waits longest for the next. */
export async function noteAssignment(tx: Tx, ctx: ServiceContext, userId: string): Promise<void> {
  await tx.db
    .insert(inboxAgents)
    .values({ tenantId: ctx.tenantId, userId, lastAssignedAt: sql`now()` })
    .onConflictDoUpdate({ target: [inboxAgents.tenantId, inboxAgents.userId], set: { lastAssignedAt: sql`now()` } });
}

export const conversationProbe = (id: string) => ({ table: 'conversations', id });
