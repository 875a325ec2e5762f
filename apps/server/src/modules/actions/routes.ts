import { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  ActionListResponse,
  ActionResponse,
  ActionRunResponse,
  createActionInput,
  testActionInput,
  updateActionInput,
} from '@switchboard/contract/actions';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { createAction, deleteAction, getAction, listActions, updateAction } from './manage-actions';
import { testAction } from './test-action';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
// People only, like webhooks: an action holds secret headers and says where the model's calls go.
const manage = { auth: 'workspace', permission: 'actions.manage', sessionOnly: true } as const;
const tags = ['Actions'];

export function actionRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/actions',
        tags,
        summary: 'The workspace’s custom actions',
        responses: { 200: json(ActionListResponse, 'Actions, by name'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ actions: await listActions(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/actions',
        tags,
        summary: 'Add an action (secret header values are stored encrypted and never returned)',
        request: body(createActionInput),
        responses: { 201: json(ActionResponse, 'The action'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ action: await createAction(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/actions/{id}',
        tags,
        summary: 'An action',
        request: { params: idParam },
        responses: { 200: json(ActionResponse, 'The action'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ action: await getAction(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/actions/{id}',
        tags,
        summary: 'Change an action; a secret header sent without a value keeps its stored value',
        request: { params: idParam, ...body(updateActionInput) },
        responses: { 200: json(ActionResponse, 'The action'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ action: await updateAction(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/actions/{id}',
        tags,
        summary: 'Delete an action (agents stop offering it)',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      await deleteAction(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/actions/{id}/test',
        tags,
        summary: 'Run an action once with the given input: what was sent, the status, the kept output',
        request: { params: idParam, ...body(testActionInput) },
        responses: { 200: json(ActionRunResponse, 'The run'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json({ run: await testAction(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  return app;
}
