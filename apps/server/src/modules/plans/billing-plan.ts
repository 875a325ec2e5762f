import { PLAN_FEATURES, PLAN_LIMITS, type BillingPlan, type PlanFeature } from '@switchboard/contract/plans';
import { NotFoundError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { actorCan, assertCan } from '../access';
import { forgetMonthlyUse, monthlyUse } from './allowance';
import { countUsed } from './enforce';
import { COUNTED_LIMITS, type CountedLimit } from './usage-counts';
import { getWorkspacePlan } from './workspace-plan';

/**
 * The workspace's plan with a meter per limit (used now, the plan's maximum) and its features:
 * what the Billing page shows. Any member reads it; owners (billing.manage) change the settings.
 */
export async function readBillingPlan(ctx: ServiceContext): Promise<BillingPlan> {
  assertCan(ctx, 'workspace.read');
  const plan = await getWorkspacePlan(ctx.tenantId);
  if (!plan) throw new NotFoundError('Workspace');
  const counted = await withTenant(ctx, async (tx) => {
    const used = new Map<CountedLimit, number>();
    for (const limit of COUNTED_LIMITS) used.set(limit, await countUsed(tx, limit));
    return used;
  });
  // The page reads the month from the database, not this process's running count.
  forgetMonthlyUse(ctx.tenantId);
  const month = await monthlyUse(ctx.tenantId);
  const meters = PLAN_LIMITS.map((limit) => {
    const max = plan.limits[limit] ?? null;
    if (limit === 'messagesPerMonth' || limit === 'modelSpendUsdPerMonth') {
      const used = limit === 'messagesPerMonth' ? month.messages : month.costUsd;
      return { limit, used, max, overage: max === null ? 0 : Math.max(0, used - max) };
    }
    return { limit, used: counted.get(limit) ?? 0, max };
  });
  return {
    plan,
    period: month.period,
    meters,
    features: Object.fromEntries(PLAN_FEATURES.map((f) => [f, plan.features[f] === true])) as Record<
      PlanFeature,
      boolean
    >,
    limitBehaviour: month.settings.limitBehaviour,
    canManage: actorCan(ctx.actor, 'billing.manage'),
  };
}
