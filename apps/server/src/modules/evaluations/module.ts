import type { ModuleDefinition } from '../module';
import { registerPublishGuard } from '../agents';
import { runEvaluationJob } from './jobs';
import { evaluationGate } from './publish-gate';
import { evaluationRoutes } from './routes';

const agent = `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', '{"name":"Fixture"}') RETURNING tenant_id, id`;

export const evaluationsModule: ModuleDefinition = {
  name: 'evaluations',
  start: () => registerPublishGuard(evaluationGate),
  routes: evaluationRoutes,
  jobs: [runEvaluationJob],
  isolationFixtures: [
    {
      table: 'evaluation_cases',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}) INSERT INTO evaluation_cases (tenant_id, id, agent_id, question, facts) SELECT tenant_id, 'evc_' || substr(md5(random()::text), 1, 26), id, 'Fixture?', '["fixture"]' FROM a`,
        values: [tenantId],
      }),
    },
    {
      table: 'evaluation_runs',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}) INSERT INTO evaluation_runs (tenant_id, id, agent_id, draft, draft_updated_at) SELECT tenant_id, 'evr_' || substr(md5(random()::text), 1, 26), id, '{"name":"Fixture"}', now() FROM a`,
        values: [tenantId],
      }),
    },
    {
      table: 'evaluation_settings',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}) INSERT INTO evaluation_settings (tenant_id, agent_id, block_publish_below) SELECT tenant_id, id, 80 FROM a`,
        values: [tenantId],
      }),
    },
  ],
};
