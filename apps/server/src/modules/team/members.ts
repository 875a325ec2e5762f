import { and, eq, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../../platform/errors';
import { withTenant, type MemberRole, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { findUsersByIds } from '../accounts';
import { recordAudit } from '../audit';
import { memberships, type Membership } from '../tenants';

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  joinedAt: Date;
}

async function membershipFor(tx: Tx, userId: string): Promise<Membership> {
  const [row] = await tx.db.select().from(memberships).where(eq(memberships.userId, userId)).for('update');
  if (!row) throw new NotFoundError('Member', 'not_found', { table: 'memberships', column: 'user_id', id: userId });
  return row;
}

async function ownerCount(tx: Tx): Promise<number> {
  const [row] = await tx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.role, 'owner'));
  return row?.n ?? 0;
}

const lastOwner = () =>
  new ConflictError('A workspace needs an owner: make someone else owner first (transfer ownership).', 'last_owner');

export async function listMembers(ctx: ServiceContext): Promise<Member[]> {
  assertCan(ctx, 'members.read');
  const rows = await withTenant(ctx, (tx) => tx.db.select().from(memberships).orderBy(memberships.createdAt));
  const people = await findUsersByIds(rows.map((r) => r.userId));
  return rows.map((r) => ({
    userId: r.userId,
    email: people.get(r.userId)?.email ?? '',
    name: people.get(r.userId)?.name ?? '',
    role: r.role,
    joinedAt: r.createdAt,
  }));
}

/**
 * Changes a member's role. Granting or taking away `owner` is the owners' call; the last
 * owner can't be demoted.
 */
export async function changeMemberRole(ctx: ServiceContext, userId: string, role: MemberRole): Promise<Membership> {
  assertCan(ctx, 'members.manage');
  return withTenant(ctx, async (tx) => {
    const target = await membershipFor(tx, userId);
    if (target.role === role) return target;
    if (target.role === 'owner' || role === 'owner') assertCan(ctx, 'ownership.transfer');
    if (target.role === 'owner' && (await ownerCount(tx)) <= 1) throw lastOwner();
    const [updated] = await tx.db
      .update(memberships)
      .set({ role, updatedAt: new Date() })
      .where(eq(memberships.userId, userId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'member.role_changed',
      targetType: 'member',
      targetId: userId,
      before: { role: target.role },
      after: { role },
    });
    return updated!;
  });
}

export async function removeMember(ctx: ServiceContext, userId: string): Promise<void> {
  assertCan(ctx, 'members.manage');
  await withTenant(ctx, async (tx) => {
    const target = await membershipFor(tx, userId);
    if (target.role === 'owner') {
      assertCan(ctx, 'ownership.transfer');
      if ((await ownerCount(tx)) <= 1) throw lastOwner();
    }
    await tx.db.delete(memberships).where(eq(memberships.userId, userId));
    await recordAudit(tx, ctx, {
      action: 'member.removed',
      targetType: 'member',
      targetId: userId,
      before: { role: target.role },
    });
  });
}

/** The signed-in member leaves; the last owner can't. */
export async function leaveWorkspace(ctx: ServiceContext): Promise<void> {
  if (ctx.actor.type !== 'user') throw new NotFoundError('Member');
  const userId = ctx.actor.userId;
  await withTenant(ctx, async (tx) => {
    const me = await membershipFor(tx, userId);
    if (me.role === 'owner' && (await ownerCount(tx)) <= 1) throw lastOwner();
    await tx.db.delete(memberships).where(eq(memberships.userId, userId));
    await recordAudit(tx, ctx, {
      action: 'member.left',
      targetType: 'member',
      targetId: userId,
      before: { role: me.role },
    });
  });
}

/** Makes another member owner and the current owner an admin. */
export async function transferOwnership(ctx: ServiceContext, userId: string): Promise<void> {
  assertCan(ctx, 'ownership.transfer');
  if (ctx.actor.type !== 'user') throw new NotFoundError('Member');
  const me = ctx.actor.userId;
  if (userId === me) throw new ConflictError('You already own this workspace.', 'already_owner');
  await withTenant(ctx, async (tx) => {
    const target = await membershipFor(tx, userId);
    await tx.db.update(memberships).set({ role: 'owner', updatedAt: new Date() }).where(eq(memberships.userId, userId));
    await tx.db
      .update(memberships)
      .set({ role: 'admin', updatedAt: new Date() })
      .where(and(eq(memberships.userId, me), eq(memberships.role, 'owner')));
    await recordAudit(tx, ctx, {
      action: 'workspace.ownership_transferred',
      targetType: 'member',
      targetId: userId,
      before: { owner: me, targetRole: target.role },
      after: { owner: userId, previousOwnerRole: 'admin' },
    });
  });
}
