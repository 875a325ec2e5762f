import type { ModuleDefinition } from '../module';
import { feedbackRoutes } from './routes';

const agent = `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', '{"name":"Fixture"}') RETURNING tenant_id, id`;
const conversation = `INSERT INTO conversations (tenant_id, id, agent_id, agent_version, channel) SELECT tenant_id, 'conv_' || substr(md5(random()::text), 1, 26), id, 1, 'widget' FROM a RETURNING tenant_id, id, agent_id`;
const answer = `INSERT INTO messages (tenant_id, id, conversation_id, role, content) SELECT tenant_id, 'msg_' || substr(md5(random()::text), 1, 26), id, 'assistant', 'Fixture answer' FROM c RETURNING tenant_id, id, conversation_id`;

export const feedbackModule: ModuleDefinition = {
  name: 'feedback',
  routes: feedbackRoutes,
  isolationFixtures: [
    {
      table: 'answer_feedback',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}), c AS (${conversation}), m AS (${answer})
               INSERT INTO answer_feedback (tenant_id, id, conversation_id, message_id, agent_id, rater, rating, source)
               SELECT m.tenant_id, 'fb_' || substr(md5(random()::text), 1, 26), m.conversation_id, m.id, c.agent_id, 'visitor:vis_fixture', 'down', 'widget' FROM m, c`,
        values: [tenantId],
      }),
    },
    {
      table: 'review_marks',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO review_marks (tenant_id, item_id, kind, status) VALUES ($1, 'msg_' || substr(md5(random()::text), 1, 26), 'rated_down', 'dismissed')`,
        values: [tenantId],
      }),
    },
  ],
};
