import type { ModuleDefinition } from '../module';
import { setDefaultPlan } from '../tenants';
import { defaultPlanId } from './default-plan';
import { limitNoticeJob } from './limit-notices';
import { planRoutes } from './routes';

export const plansModule: ModuleDefinition = {
  name: 'plans',
  routes: planRoutes,
  jobs: [limitNoticeJob],
  start: ({ config }) => setDefaultPlan(defaultPlanId(config)),
  isolationFixtures: [
    {
      table: 'plan_settings',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO plan_settings (tenant_id, limit_behaviour) VALUES ($1, 'overage') ON CONFLICT (tenant_id) DO UPDATE SET limit_behaviour = 'overage'`,
        values: [tenantId],
      }),
    },
    {
      table: 'plan_limit_notices',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO plan_limit_notices (tenant_id, limit_name, threshold, period, used) VALUES ($1, 'agents', 80, to_char(now(), 'YYYY-MM-') || substr(md5(random()::text), 1, 8), 4)`,
        values: [tenantId],
      }),
    },
  ],
};
