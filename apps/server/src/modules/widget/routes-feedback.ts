import { feedbackInput, FeedbackListResponse, FeedbackResponse } from '@switchboard/contract/feedback';
import { z } from '@hono/zod-openapi';
import { route } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { listMyFeedback, rateAnswer } from '../feedback';
import { body, conversationParams, publicAccess, tags, WIDGET_API, WidgetErrors } from './route-helpers';
import { visitorCall, widgetGate, type GateDeps } from './widget-gate';

const answerParams = conversationParams.extend({
  messageId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'messageId', in: 'path' } }),
});

/** The visitor's thumbs up or down on the bot's answers (widget and hosted chat page). */
export function feedbackRoutes(gate: GateDeps): App {
  const app = createRouter();
  const visitor = [widgetGate(gate, { token: true })];
  app.openapi(
    route(
      {
        method: 'post',
        path: `${WIDGET_API}/{key}/conversations/{id}/messages/{messageId}/feedback`,
        tags,
        summary: 'Rate one of the bot’s answers up or down, with an optional comment (again: replaces it)',
        request: { params: answerParams, ...body(feedbackInput) },
        middleware: visitor,
        responses: { 200: json(FeedbackResponse, 'Recorded'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      return c.json(
        { feedback: await rateAnswer(ctx, claims.c, c.req.valid('param').messageId, c.req.valid('json')) },
        200,
      );
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: `${WIDGET_API}/{key}/conversations/{id}/feedback`,
        tags,
        summary: 'The visitor’s ratings of the answers in their conversation',
        request: { params: conversationParams },
        middleware: visitor,
        responses: { 200: json(FeedbackListResponse, 'Ratings'), ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      return c.json({ feedback: await listMyFeedback(ctx, claims.c) }, 200);
    },
  );
  return app;
}
