import { HandoffSettingsResponse } from '@switchboard/contract/escalation';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { getHandoffSettings, updateHandoffSettings, updateHandoffSettingsInput } from './settings';
import { createRouter } from '../../platform/http/router';

const answer = json(HandoffSettingsResponse, 'The hand-off settings');

export function escalationRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/settings',
        tags: ['Inbox'],
        summary: 'Hand-off settings: business hours, VIP rule, auto-assignment',
        responses: { 200: answer, ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'conversations.read' },
    ),
    async (c) => c.json({ settings: await getHandoffSettings(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'put',
        path: '/api/v1/inbox/settings',
        tags: ['Inbox'],
        summary: 'Replace the hand-off settings',
        request: { body: { required: true, content: { 'application/json': { schema: updateHandoffSettingsInput } } } },
        responses: { 200: answer, ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'workspace.update' },
    ),
    async (c) => c.json({ settings: await updateHandoffSettings(serviceContext(c), c.req.valid('json')) }, 200),
  );
  return app;
}
