import { eq } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import { withPlatform, withTenant, type MemberRole, type ServiceContext } from '../../platform/tenancy';
import { recordAudit } from '../audit';
import { memberships, tenants, type Tenant } from './schema';
import { forgetTenantStatus } from './tenant-status';

/** A person's role in a workspace, or null when they are not a member. */
export async function getMembershipRole(tenantId: string, userId: string): Promise<MemberRole | null> {
  const [row] = await withTenant({ tenantId }, (tx) =>
    tx.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, userId)),
  );
  return row?.role ?? null;
}

/** Suspend or reinstate a workspace (super admin), recorded in its audit log. */
export async function setTenantStatus(
  ctx: ServiceContext,
  status: 'active' | 'suspended',
  reason: string | null,
): Promise<Tenant> {
  if (ctx.actor.type !== 'platformAdmin') throw new Error('Only the platform admin changes a workspace status');
  const tenant = await withPlatform(async (tx) => {
    const [before] = await tx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
    if (!before || before.status === 'deleting' || before.status === 'deleted') throw new NotFoundError('Workspace');
    const [after] = await tx.db
      .update(tenants)
      .set({ status, suspendedReason: status === 'suspended' ? reason : null, updatedAt: new Date() })
      .where(eq(tenants.id, ctx.tenantId))
      .returning();
    await recordAudit(tx, ctx, {
      action: status === 'suspended' ? 'workspace.suspended' : 'workspace.reinstated',
      targetType: 'workspace',
      targetId: ctx.tenantId,
      before: { status: before.status },
      after: { status, reason },
    });
    return after!;
  });
  forgetTenantStatus(ctx.tenantId);
  return tenant;
}
