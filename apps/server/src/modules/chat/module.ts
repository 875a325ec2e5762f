import type { ModuleDefinition } from '../module';
import { chatRoutes } from './routes';
import { recoverOrphanedAnswers } from './turn/orphans';

const agent = `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', '{"name":"Fixture"}') RETURNING tenant_id, id`;
const conversation = `INSERT INTO conversations (tenant_id, id, agent_id, agent_version, channel) SELECT tenant_id, 'conv_' || substr(md5(random()::text), 1, 26), id, 1, 'api' FROM a RETURNING tenant_id, id`;

export const chatModule: ModuleDefinition = {
  name: 'chat',
  routes: chatRoutes,
  recoverOrphans: recoverOrphanedAnswers,
  isolationFixtures: [
    {
      table: 'conversations',
      insert: ({ tenantId }) => ({ text: `WITH a AS (${agent}) ${conversation}`, values: [tenantId] }),
    },
    {
      table: 'messages',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}), c AS (${conversation})
               INSERT INTO messages (tenant_id, id, conversation_id, role, content) SELECT tenant_id, 'msg_' || substr(md5(random()::text), 1, 26), id, 'user', 'hi' FROM c`,
        values: [tenantId],
      }),
    },
    {
      table: 'conversation_transitions',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}), c AS (${conversation})
               INSERT INTO conversation_transitions (tenant_id, id, conversation_id, event, from_status, to_status, actor_type)
               SELECT tenant_id, 'trn_' || substr(md5(random()::text), 1, 26), id, 'conversation.handoff_requested', 'bot', 'pending_human', 'system' FROM c`,
        values: [tenantId],
      }),
    },
    {
      table: 'usage_monthly',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO usage_monthly (tenant_id, month, agent_id, messages) VALUES ($1, date_trunc('month', now())::date, 'agt_' || substr(md5(random()::text), 1, 26), 1)`,
        values: [tenantId],
      }),
    },
  ],
};
