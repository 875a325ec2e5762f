import type { ModuleDefinition } from '../module';
import { createRateLimiter } from '../../platform/ratelimit';
import { conversationLimits } from './conversation-limits';
import { mountHostedPage } from './hosted-page';
import { mountAttachmentRoutes } from './routes-attachments';
import { mountConversationRoutes } from './routes-conversation';
import { mountManageRoutes } from './routes-manage';
import { mountPublicWidgetRoutes } from './routes-public';

const agent = `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', '{"name":"Fixture"}') RETURNING tenant_id, id`;
const conversation = `INSERT INTO conversations (tenant_id, id, agent_id, agent_version, channel) SELECT tenant_id, 'conv_' || substr(md5(random()::text), 1, 26), id, 1, 'widget' FROM a RETURNING tenant_id, id, agent_id`;

export const widgetModule: ModuleDefinition = {
  name: 'widget',
  mount(app, deps) {
    const { config, redis } = deps;
    const gate = {
      appUrl: config.appUrl,
      ipLimiter: createRateLimiter({ name: 'widget-ip', points: config.WIDGET_IP_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }, redis),
      visitorLimiter: createRateLimiter({ name: 'widget-visitor', points: config.WIDGET_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }, redis),
      admitConversation: conversationLimits(config, redis),
    };
    mountPublicWidgetRoutes(app, config, gate);
    mountConversationRoutes(app, gate);
    mountAttachmentRoutes(app, config, gate);
    mountManageRoutes(app, config);
    mountHostedPage(app, gate);
  },
  isolationFixtures: [
    {
      table: 'widget_settings',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}) INSERT INTO widget_settings (tenant_id, agent_id, public_key) SELECT tenant_id, id, 'pk_' || substr(md5(random()::text), 1, 32) FROM a`,
        values: [tenantId],
      }),
    },
    {
      table: 'widget_identity_secrets',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO widget_identity_secrets (tenant_id, secret_ciphertext, hint) VALUES ($1, 'v1.fixture', 'abcd')`,
        values: [tenantId],
      }),
    },
    {
      table: 'widget_attachments',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}), c AS (${conversation})
               INSERT INTO widget_attachments (tenant_id, id, conversation_id, visitor_id, name, size, media_type, kind, storage_key)
               SELECT tenant_id, 'fil_' || substr(md5(random()::text), 1, 26), id, 'vis_fixture', 'a.png', 1, 'image/png', 'image', 'none' FROM c`,
        values: [tenantId],
      }),
    },
    {
      table: 'conversation_ratings',
      insert: ({ tenantId }) => ({
        text: `WITH a AS (${agent}), c AS (${conversation})
               INSERT INTO conversation_ratings (tenant_id, conversation_id, agent_id, rating) SELECT tenant_id, id, agent_id, 5 FROM c`,
        values: [tenantId],
      }),
    },
  ],
};
