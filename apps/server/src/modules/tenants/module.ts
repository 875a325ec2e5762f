import type { ModuleDefinition } from '../module';
import { purgeTenantJob } from './purge-tenant';
import { workspaceRoutes } from './routes';

export const tenantsModule: ModuleDefinition = {
  name: 'tenants',
  routes: workspaceRoutes,
  jobs: [purgeTenantJob],
  isolationFixtures: [
    {
      table: 'memberships',
      insert: ({ tenantId, userId }) => ({
        text: `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'viewer')`,
        values: [tenantId, userId],
      }),
    },
  ],
};
