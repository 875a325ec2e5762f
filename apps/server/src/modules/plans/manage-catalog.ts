import { PlanPatchSchema, PlanSchema, type Plan } from '@switchboard/contract/plans';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/errors';
import { withPlatform, type ServiceContext } from '../../platform/tenancy';
import { tenants } from '../tenants';
import { toPlan } from './read-plans';
import { plans } from './schema';
import { forgetWorkspacePlan } from './workspace-plan';

/** Platform administrator only: the catalog is the installation's, not a workspace's. */
export function assertPlatformAdmin(ctx: Pick<ServiceContext, 'actor'>): void {
  if (ctx.actor.type !== 'platformAdmin')
    throw new ForbiddenError('Only the platform administrator manages plans.', 'platform_admin_only');
}

export async function createPlan(ctx: Pick<ServiceContext, 'actor'>, input: z.input<typeof PlanSchema>): Promise<Plan> {
  assertPlatformAdmin(ctx);
  const data = PlanSchema.parse(input);
  const [row] = await withPlatform((tx) =>
    tx.db
      .insert(plans)
      .values(data)
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error)
          ? new ConflictError(`There is already a plan "${data.id}".`, 'plan_exists', { id: data.id })
          : error;
      }),
  );
  return toPlan(row!);
}

/** An edit applies at once to every workspace on the plan (on this process; others within seconds). */
export async function updatePlan(
  ctx: Pick<ServiceContext, 'actor'>,
  id: string,
  input: z.input<typeof PlanPatchSchema>,
): Promise<Plan> {
  assertPlatformAdmin(ctx);
  const data = PlanPatchSchema.parse(input);
  const [row] = await withPlatform((tx) =>
    tx.db
      .update(plans)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(plans.id, id))
      .returning(),
  );
  if (!row) throw new NotFoundError('Plan');
  forgetWorkspacePlan();
  return toPlan(row);
}

/**
 * Deletes a plan no workspace is on; a plan in use is refused (409 plan_in_use): archive it
 * instead (hidden from new choices, kept for the workspaces on it).
 */
export async function deletePlan(ctx: Pick<ServiceContext, 'actor'>, id: string): Promise<void> {
  assertPlatformAdmin(ctx);
  await withPlatform(async (tx) => {
    const [row] = await tx.db.select({ id: plans.id }).from(plans).where(eq(plans.id, id)).for('update');
    if (!row) throw new NotFoundError('Plan');
    const [use] = await tx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tenants)
      .where(eq(tenants.plan, id));
    if ((use?.n ?? 0) > 0)
      throw new ConflictError(`${use!.n} workspace(s) are on this plan: archive it instead.`, 'plan_in_use', {
        workspaces: use!.n,
      });
    await tx.db.delete(plans).where(eq(plans.id, id));
  });
  forgetWorkspacePlan();
}
