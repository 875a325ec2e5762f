import type { ModuleDefinition } from '../module';
import { actionRoutes } from './routes';

const newAction = `INSERT INTO actions (tenant_id, id, name, description, input_schema, method, url, max_response_bytes)
  VALUES ($1, 'act_' || substr(md5(random()::text), 1, 26), 'fixture_' || substr(md5(random()::text), 1, 8), 'fixture', '{"type":"object","properties":{"x":{"type":"string"}}}', 'GET', 'https://example.com/x', 1024)`;

export const actionsModule: ModuleDefinition = {
  name: 'actions',
  routes: actionRoutes,
  isolationFixtures: [
    { table: 'actions', insert: ({ tenantId }) => ({ text: newAction, values: [tenantId] }) },
    {
      table: 'action_confirmations',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${newAction} RETURNING tenant_id, id)
               INSERT INTO action_confirmations (tenant_id, id, conversation_id, action_id, input, summary)
               SELECT tenant_id, 'acf_' || substr(md5(random()::text), 1, 26), 'conv_fixture', id, '{}', 'GET https://example.com/x' FROM a`,
        values: [tenantId],
      }),
    },
  ],
};
