export { assignPlan } from './assign-plan';
export { defaultPlanId, sellsPlans } from './default-plan';
export { chatAllowance, forgetMonthlyUse, monthlyUse, recordAnswer, UNLIMITED, type Allowance } from './allowance';
export {
  assertFeature,
  assertFeatureInTransaction,
  assertScheduledReports,
  assertWithinLimit,
  countUsed,
  planHas,
  planInTransaction,
} from './enforce';
export { limitNoticeJob } from './limit-notices';
export { findPlan, listPlans, toPlan } from './read-plans';
export { planLimitNotices, plans, planSettings, type PlanRow } from './schema';
export { readPlanSettings, type PlanSettings } from './settings';
export { COUNTED_LIMITS, type CountedLimit } from './usage-counts';
export { updatePlanSettings } from './update-settings';
export { forgetWorkspacePlan, getWorkspacePlan } from './workspace-plan';
