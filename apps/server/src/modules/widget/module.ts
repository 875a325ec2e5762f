import type { ModuleDefinition } from '../module';
import { MULTIPART_FRAMING } from '../../platform/http/body-limits';
import { joinRouters } from '../../platform/http/router';
import { createRateLimiter } from '../../platform/ratelimit';
import { conversationLimits } from './conversation-limits';
import { hostedPageRoutes } from './hosted-page';
import { ATTACHMENT_UPLOAD, attachmentRoutes } from './routes-attachments';
import { conversationRoutes } from './routes-conversation';
import { feedbackRoutes } from './routes-feedback';
import { pendingActionRoutes } from './routes-actions';
import { manageRoutes } from './routes-manage';
import { publicWidgetRoutes } from './routes-public';

const agent = `INSERT INTO agents (tenant_id, id, name, draft) VALUES ($1, 'agt_' || substr(md5(random()::text), 1, 26), 'Fixture', '{"name":"Fixture"}') RETURNING tenant_id, id`;
const conversation = `INSERT INTO conversations (tenant_id, id, agent_id, agent_version, channel) SELECT tenant_id, 'conv_' || substr(md5(random()::text), 1, 26), id, 1, 'widget' FROM a RETURNING tenant_id, id, agent_id`;

export const widgetModule: ModuleDefinition = {
  name: 'widget',
  routes(deps) {
    const { config, redis } = deps;
    const gate = {
      appUrl: config.appUrl,
      ipLimiter: createRateLimiter(
        { name: 'widget-ip', points: config.WIDGET_IP_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
        redis,
      ),
      visitorLimiter: createRateLimiter(
        { name: 'widget-visitor', points: config.WIDGET_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
        redis,
      ),
      admitConversation: conversationLimits(config, redis),
    };
    // In this order: the public routes' middleware (CORS per widget) runs before the others.
    return joinRouters(
      publicWidgetRoutes(config, gate),
      conversationRoutes(gate),
      feedbackRoutes(gate),
      pendingActionRoutes(gate),
      attachmentRoutes(config, gate),
      manageRoutes(config),
      hostedPageRoutes(gate),
    );
  },
  bodyLimits: (config) => [
    { path: ATTACHMENT_UPLOAD, bytes: config.WIDGET_MAX_ATTACHMENT_BYTES, framing: MULTIPART_FRAMING },
  ],
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
