import type { ModuleDefinition } from '../module';
import { analyticsReactions, refreshJob } from './jobs';
import { analyticsRoutes } from './routes';

const newFacts = `INSERT INTO analytics_conversations (tenant_id, conversation_id, agent_id, channel, day, started_at)
                  VALUES ($1, 'conv_' || substr(md5(random()::text), 1, 26), 'agt_fixture', 'api', current_date, now())`;
const newDay = `INSERT INTO analytics_daily (tenant_id, day, agent_id, channel, conversations)
                VALUES ($1, current_date, 'agt_' || substr(md5(random()::text), 1, 26), 'api', 1)`;

/** Analytics: rollups kept by reactions to conversation events, and the reports read from them. */
export const analyticsModule: ModuleDefinition = {
  name: 'analytics',
  routes: analyticsRoutes,
  jobs: [refreshJob],
  reactions: analyticsReactions,
  isolationFixtures: [
    { table: 'analytics_conversations', insert: ({ tenantId }) => ({ text: newFacts, values: [tenantId] }) },
    { table: 'analytics_daily', insert: ({ tenantId }) => ({ text: newDay, values: [tenantId] }) },
  ],
};
