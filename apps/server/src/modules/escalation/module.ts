import type { ModuleDefinition } from '../module';
import { escalationRoutes } from './routes';

export const escalationModule: ModuleDefinition = {
  name: 'escalation',
  routes: escalationRoutes,
  isolationFixtures: [
    {
      table: 'handoff_settings',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO handoff_settings (tenant_id, settings) VALUES ($1, '{}'::jsonb)`,
        values: [tenantId],
      }),
    },
  ],
};
