import { eq, sql } from 'drizzle-orm';
import { inboxAgentPatch } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan, roleCan } from '../access';
import { readHandoffSettings } from '../escalation';
import { findUsersByIds } from '../accounts';
import { memberships } from '../tenants';
import { actingMember, isOnline } from './common';
import { inboxAgents } from './schema';

export interface InboxAgentView {
  userId: string;
  name: string;
  email: string;
  role: string;
  /** Can be given conversations (their role can reply). */
  assignable: boolean;
  /** online only while heartbeats arrive; away when they said so; offline otherwise. */
  status: 'online' | 'away' | 'offline';
  lastSeenAt: Date | null;
  capacity: number | null;
  effectiveCapacity: number;
  onDuty: boolean;
  open: number;
}

/** The team as the inbox sees it: presence, load against capacity, on duty. */
export async function listInboxAgents(ctx: ServiceContext): Promise<InboxAgentView[]> {
  assertCan(ctx, 'conversations.read');
  const { rows, settings } = await withTenant(ctx, async (tx) => ({
    settings: await readHandoffSettings(tx),
    rows: await tx.db
      .select({
        userId: memberships.userId,
        role: memberships.role,
        status: inboxAgents.status,
        online: sql<boolean>`coalesce(${isOnline}, false)`,
        lastSeenAt: inboxAgents.lastSeenAt,
        capacity: inboxAgents.capacity,
        onDuty: sql<boolean>`coalesce(${inboxAgents.onDuty}, true)`,
        open: sql<number>`(SELECT count(*)::int FROM conversations c WHERE c.assignee_id = ${memberships.userId} AND c.status = 'human')`,
      })
      .from(memberships)
      .leftJoin(inboxAgents, eq(inboxAgents.userId, memberships.userId))
      .orderBy(memberships.createdAt),
  }));
  const people = await findUsersByIds(rows.map((r) => r.userId));
  return rows.map((r) => ({
    userId: r.userId,
    name: people.get(r.userId)?.name ?? '',
    email: people.get(r.userId)?.email ?? '',
    role: r.role,
    assignable: roleCan(r.role, 'conversations.reply'),
    status: r.online ? 'online' : r.status === 'away' ? 'away' : 'offline',
    lastSeenAt: r.lastSeenAt,
    capacity: r.capacity,
    effectiveCapacity: r.capacity ?? settings.defaultCapacity,
    onDuty: r.onDuty,
    open: r.open,
  }));
}

/** Members switch their own "on duty"; capacities, and anyone else's settings, need workspace.update. */
export async function updateInboxAgent(
  ctx: ServiceContext,
  userId: string,
  input: z.input<typeof inboxAgentPatch>,
): Promise<void> {
  assertCan(ctx, 'conversations.read');
  const patch = inboxAgentPatch.parse(input);
  if (patch.capacity !== undefined || actingMember(ctx) !== userId) assertCan(ctx, 'workspace.update');
  await withTenant(ctx, async (tx) => {
    const [member] = await tx.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    if (!member)
      throw new NotFoundError('Member', 'not_found', { table: 'memberships', column: 'user_id', id: userId });
    const set = {
      ...(patch.capacity !== undefined && { capacity: patch.capacity }),
      ...(patch.onDuty !== undefined && { onDuty: patch.onDuty }),
      updatedAt: new Date(),
    };
    await tx.db
      .insert(inboxAgents)
      .values({ tenantId: ctx.tenantId, userId, ...set })
      .onConflictDoUpdate({ target: [inboxAgents.tenantId, inboxAgents.userId], set });
  });
}
