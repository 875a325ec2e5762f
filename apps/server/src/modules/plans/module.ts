import type { ModuleDefinition } from '../module';
import { setDefaultPlan } from '../tenants';
import { defaultPlanId } from './default-plan';

export const plansModule: ModuleDefinition = {
  name: 'plans',
  start: ({ config }) => setDefaultPlan(defaultPlanId(config)),
};
