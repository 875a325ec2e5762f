import { planId } from '@switchboard/contract/plans';
import { eq } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { withPlatform, type ServiceContext } from '../../platform/tenancy';
import { recordAudit } from '../audit';
import { tenants } from '../tenants';
import { plans } from './schema';
import { forgetWorkspacePlan } from './workspace-plan';

/**
 * Puts a workspace on a plan, effective at once on this process: by the platform
 * administrator (by hand, with or without a payment provider) or by the system (a payment
 * provider's event). Recorded in the workspace's audit log with where it came from.
 */
export async function assignPlan(
  ctx: ServiceContext,
  input: { planId: string; source: 'admin' | 'stripe' | 'razorpay' | 'grace' },
): Promise<{ before: string; after: string }> {
  if (ctx.actor.type !== 'platformAdmin' && ctx.actor.type !== 'system')
    throw new Error('Only the platform admin or a payment provider changes a workspace plan');
  const target = planId.parse(input.planId);
  const change = await withPlatform(async (tx) => {
    const [plan] = await tx.db.select({ id: plans.id }).from(plans).where(eq(plans.id, target));
    if (!plan) throw new ValidationError(`There is no plan "${target}".`, { planId: target });
    const [before] = await tx.db
      .select({ plan: tenants.plan, status: tenants.status })
      .from(tenants)
      .where(eq(tenants.id, ctx.tenantId))
      .for('update');
    if (!before || before.status === 'deleting' || before.status === 'deleted') throw new NotFoundError('Workspace');
    if (before.plan !== target) {
      await tx.db.update(tenants).set({ plan: target, updatedAt: new Date() }).where(eq(tenants.id, ctx.tenantId));
      await recordAudit(tx, ctx, {
        action: 'workspace.plan_changed',
        targetType: 'workspace',
        targetId: ctx.tenantId,
        before: { plan: before.plan },
        after: { plan: target, source: input.source },
      });
    }
    return { before: before.plan, after: target };
  });
  forgetWorkspacePlan(ctx.tenantId);
  return change;
}
