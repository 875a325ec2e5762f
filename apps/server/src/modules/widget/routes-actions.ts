import { z } from '@hono/zod-openapi';
import { decideActionInput, DecideActionResponse, PendingActionListResponse } from '@switchboard/contract/actions';
import { route } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { decidePendingAction, listPendingActions } from '../chat';
import { body, conversationParams, publicAccess, tags, WIDGET_API, WidgetErrors } from './route-helpers';
import { visitorCall, widgetGate, type GateDeps } from './widget-gate';

const pendingParams = conversationParams.extend({
  actionId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'actionId', in: 'path' } }),
});

/** Actions the bot asked to run that wait for the visitor's Confirm or Cancel. */
export function pendingActionRoutes(gate: GateDeps): App {
  const app = createRouter();
  const visitor = [widgetGate(gate, { token: true })];
  app.openapi(
    route(
      {
        method: 'get',
        path: `${WIDGET_API}/{key}/conversations/{id}/actions`,
        tags,
        summary: 'Actions waiting for the visitor’s confirmation, with what each will do',
        request: { params: conversationParams },
        middleware: visitor,
        responses: { 200: json(PendingActionListResponse, 'Pending actions'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      return c.json({ actions: await listPendingActions(ctx, claims.c) }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: `${WIDGET_API}/{key}/conversations/{id}/actions/{actionId}`,
        tags,
        summary: 'Confirm (run) or cancel a pending action; then send a message for the bot to continue',
        request: { params: pendingParams, ...body(decideActionInput) },
        middleware: visitor,
        responses: { 200: json(DecideActionResponse, 'Decided'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      const { actionId } = c.req.valid('param');
      return c.json(await decidePendingAction(ctx, claims.c, actionId, c.req.valid('json').confirm), 200);
    },
  );
  return app;
}
