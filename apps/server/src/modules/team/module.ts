import type { ModuleDefinition } from '../module';
import { teamRoutes } from './routes';

export const teamModule: ModuleDefinition = {
  name: 'team',
  routes: teamRoutes,
  isolationFixtures: [
    {
      table: 'invitations',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO invitations (tenant_id, id, email, role, token_hash, expires_at)
               VALUES ($1, 'inv_' || substr(md5(random()::text), 1, 26), md5(random()::text) || '@example.test', 'viewer', md5(random()::text), now() + interval '1 day')`,
        values: [tenantId],
      }),
    },
  ],
};
