import type { ModuleDefinition } from '../module';
import { graceJob } from './grace';
import { billingRoutes } from './routes';
import { configureBilling } from './settings';

export const billingModule: ModuleDefinition = {
  name: 'billing',
  start: ({ config }) => configureBilling(config),
  routes: billingRoutes,
  jobs: [graceJob],
  isolationFixtures: [
    {
      table: 'billing_subscriptions',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO billing_subscriptions (tenant_id, provider, status) VALUES ($1, 'stripe', 'active')`,
        values: [tenantId],
      }),
    },
    {
      table: 'billing_invoices',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO billing_invoices (tenant_id, id, provider, amount, currency, status, issued_at)
          VALUES ($1, 'in_' || substr(md5(random()::text), 1, 24), 'stripe', 1900, 'usd', 'paid', now())`,
        values: [tenantId],
      }),
    },
  ],
};
