export { assignPlan } from './assign-plan';
export { defaultPlanId, sellsPlans } from './default-plan';
export { findPlan, listPlans, toPlan } from './read-plans';
export { plans, type PlanRow } from './schema';
export { forgetWorkspacePlan, getWorkspacePlan } from './workspace-plan';
