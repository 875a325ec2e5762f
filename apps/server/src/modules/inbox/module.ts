import type { ModuleDefinition } from '../module';
import { handoffMailJob } from './handoff-mail';
import { inboxReactions, routeWaitingJob } from './routing-jobs';
import { joinRouters } from '../../platform/http/router';
import { inboxChannelRoutes } from './channel-routes';
import { inboxConversationRoutes } from './routes';
import { summarizeJob } from './summary-job';
import { setTeamAvailability } from '../chat';
import { anyoneOnline, handoffWaitJob } from './waiting';
import { visitorReplyMailJob } from './visitor-mail';
import { inboxTeamRoutes } from './team-routes';

const agent = `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', '{"name":"Fixture"}') RETURNING tenant_id, id`;
const conversation = `INSERT INTO conversations (tenant_id, id, agent_id, agent_version, channel) SELECT tenant_id, 'conv_' || substr(md5(random()::text), 1, 26), id, 1, 'api' FROM a RETURNING tenant_id, id`;
const withConversation =
  (insert: string) =>
  ({ tenantId }: { tenantId: string }) => ({
    text: `WITH a AS (${agent}), c AS (${conversation}) ${insert}`,
    values: [tenantId],
  });

export const inboxModule: ModuleDefinition = {
  name: 'inbox',
  routes: () => joinRouters(inboxConversationRoutes(), inboxTeamRoutes(), inboxChannelRoutes()),
  jobs: [summarizeJob, routeWaitingJob, handoffMailJob, handoffWaitJob, visitorReplyMailJob],
  reactions: inboxReactions,
  start: () => setTeamAvailability(anyoneOnline),
  isolationFixtures: [
    {
      table: 'inbox_agents',
      insert: ({ tenantId, userId }) => ({
        text: `INSERT INTO inbox_agents (tenant_id, user_id, status) VALUES ($1, $2, 'online')`,
        values: [tenantId, userId],
      }),
    },
    {
      table: 'inbox_notes',
      insert: withConversation(
        `INSERT INTO inbox_notes (tenant_id, id, conversation_id, content) SELECT tenant_id, 'note_' || substr(md5(random()::text), 1, 26), id, 'A note' FROM c`,
      ),
    },
    {
      table: 'inbox_reads',
      insert: withConversation(
        `INSERT INTO inbox_reads (tenant_id, user_id, conversation_id, read_at) SELECT tenant_id, 'usr_fixture', id, now() FROM c`,
      ),
    },
    {
      table: 'canned_responses',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO canned_responses (tenant_id, id, shortcut, title, content) VALUES ($1, 'can_' || substr(md5(random()::text), 1, 26), 'hello', 'Hello', 'Hello!')`,
        values: [tenantId],
      }),
    },
  ],
};
