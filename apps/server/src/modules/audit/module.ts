import type { ModuleDefinition } from '../module';
import { auditRoutes } from './routes';

export const auditModule: ModuleDefinition = {
  name: 'audit',
  routes: auditRoutes,
  isolationFixtures: [
    {
      table: 'audit_log',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO audit_log (tenant_id, id, actor_type, actor_label, action, target_type)
               VALUES ($1, 'aud_' || substr(md5(random()::text), 1, 26), 'system', 'fixture', 'fixture.created', 'fixture')`,
        values: [tenantId],
      }),
    },
  ],
};
