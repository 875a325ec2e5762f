import type { ModuleDefinition } from '../module';
import { configureChannelMedia } from './inbound-media';
import { channelReactions } from './jobs';
import { noticeJob, noticeReactions } from './notices';
import { processInboundJob } from './process-inbound';
import { sendJob } from './outbound';
import { channelRoutes } from './routes';
import { configureChannels } from './settings';

const newConnection = `INSERT INTO channel_connections (tenant_id, id, type, name, agent_id, credentials_enc)
  VALUES ($1, 'chn_' || substr(md5(random()::text), 1, 26), 'telegram', 'fixture', 'agt_fixture', 'fixture')`;
const withConnection = (insert: string) => `WITH c AS (${newConnection} RETURNING tenant_id, id) ${insert}`;

export const channelsModule: ModuleDefinition = {
  name: 'channels',
  start: ({ config }) => {
    configureChannels({
      telegram: config.TELEGRAM_API_URL,
      metaGraph: config.META_GRAPH_API_URL,
      slack: config.SLACK_API_URL,
    });
    configureChannelMedia(config.WIDGET_MAX_ATTACHMENT_BYTES);
  },
  routes: channelRoutes,
  jobs: [processInboundJob, sendJob, noticeJob],
  reactions: [...channelReactions, ...noticeReactions],
  isolationFixtures: [
    { table: 'channel_connections', insert: ({ tenantId }) => ({ text: newConnection, values: [tenantId] }) },
    {
      table: 'channel_threads',
      insert: ({ tenantId }) => ({
        text: withConnection(`INSERT INTO channel_threads (tenant_id, connection_id, thread_key, conversation_id)
          SELECT tenant_id, id, 'fixture', 'conv_fixture' FROM c`),
        values: [tenantId],
      }),
    },
    {
      table: 'channel_inbound',
      insert: ({ tenantId }) => ({
        text: withConnection(`INSERT INTO channel_inbound (tenant_id, id, connection_id, external_id, thread_key, text)
          SELECT tenant_id, 'chi_' || substr(md5(random()::text), 1, 26), id, 'fixture', 'fixture', 'hello' FROM c`),
        values: [tenantId],
      }),
    },
    {
      table: 'channel_outbound',
      insert: ({ tenantId }) => ({
        text: withConnection(`INSERT INTO channel_outbound (tenant_id, id, connection_id, thread_key, message_id, text)
          SELECT tenant_id, 'cho_' || substr(md5(random()::text), 1, 26), id, 'fixture', 'msg_fixture', 'hello' FROM c`),
        values: [tenantId],
      }),
    },
  ],
};
