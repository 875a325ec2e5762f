import type { ModuleDefinition } from '../module';
import { agentRoutes } from './routes';

const draft = `'{"name":"Fixture"}'::jsonb`;

export const agentsModule: ModuleDefinition = {
  name: 'agents',
  routes: agentRoutes,
  isolationFixtures: [
    {
      table: 'agents',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', ${draft})`,
        values: [tenantId],
      }),
    },
    {
      table: 'agent_versions',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', ${draft}) RETURNING tenant_id, id)
               INSERT INTO agent_versions (tenant_id, agent_id, version, config) SELECT tenant_id, id, 1, ${draft} FROM a`,
        values: [tenantId],
      }),
    },
  ],
};
