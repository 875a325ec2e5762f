import type { ModuleDefinition } from '../module';
import { fanOutJob, sweepJob, webhookReactions } from './jobs';
import { webhookRoutes } from './routes';

const newEndpoint = `INSERT INTO webhook_endpoints (tenant_id, id, url, secret_enc) VALUES ($1, 'whk_' || substr(md5(random()::text), 1, 26), 'https://example.com/hook', 'fixture')`;

export const webhooksModule: ModuleDefinition = {
  name: 'webhooks',
  routes: webhookRoutes,
  jobs: [fanOutJob, sweepJob],
  reactions: webhookReactions,
  isolationFixtures: [
    { table: 'webhook_endpoints', insert: ({ tenantId }) => ({ text: newEndpoint, values: [tenantId] }) },
    {
      table: 'webhook_deliveries',
      insert: ({ tenantId }) => ({
        text: `WITH e AS (${newEndpoint} RETURNING tenant_id, id)
               INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, body)
               SELECT tenant_id, 'evt_' || substr(md5(random()::text), 1, 26), id, 'webhook.test', '{}' FROM e`,
        values: [tenantId],
      }),
    },
  ],
};
