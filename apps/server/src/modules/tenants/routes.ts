import type { z } from '@hono/zod-openapi';
import {
  deleteWorkspaceBody,
  WorkspaceDeletionResponse,
  WorkspaceDetailResponse,
  workspaceNameBody,
  WorkspaceResponse,
  WorkspaceSchema,
} from '@switchboard/contract/tenants';
import { route, requestMeta, serviceContext, sessionUser } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { permissionsOf } from '../access';
import { createWorkspace, deleteWorkspace, getWorkspace, renameWorkspace } from './workspaces';
import { createRouter } from '../../platform/http/router';

const pick = (t: z.infer<typeof WorkspaceSchema>) => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  status: t.status,
  plan: t.plan,
  createdAt: t.createdAt,
});

export function workspaceRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/workspaces',
        tags: ['Workspaces'],
        summary: 'Create a workspace (you become its owner)',
        request: { body: { required: true, content: { 'application/json': { schema: workspaceNameBody } } } },
        responses: { 201: json(WorkspaceResponse, 'Created'), ...ErrorResponses },
      },
      { auth: 'session' },
    ),
    async (c) => {
      const user = sessionUser(c);
      const workspace = await createWorkspace(
        { userId: user.id, email: user.email },
        c.req.valid('json'),
        requestMeta(c),
      );
      return c.json({ workspace: pick(workspace) }, 201);
    },
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/workspace',
        tags: ['Workspaces'],
        summary: 'The current workspace, your role and what it allows',
        responses: {
          200: json(WorkspaceDetailResponse, 'The workspace'),
          ...ErrorResponses,
        },
      },
      { auth: 'workspace', permission: 'workspace.read' },
    ),
    async (c) => {
      const ctx = serviceContext(c);
      const workspace = await getWorkspace(ctx);
      return c.json(
        {
          workspace: pick(workspace),
          role: ctx.actor.type === 'user' ? ctx.actor.role : null,
          permissions: permissionsOf(ctx.actor),
        },
        200,
      );
    },
  );

  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/workspace',
        tags: ['Workspaces'],
        summary: 'Rename the workspace',
        request: { body: { required: true, content: { 'application/json': { schema: workspaceNameBody } } } },
        responses: { 200: json(WorkspaceResponse, 'Renamed'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'workspace.update' },
    ),
    async (c) => c.json({ workspace: pick(await renameWorkspace(serviceContext(c), c.req.valid('json'))) }, 200),
  );

  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/workspace',
        tags: ['Workspaces'],
        summary:
          'Delete the workspace (type its name to confirm); its data is removed in the background, its audit log kept',
        request: { body: { required: true, content: { 'application/json': { schema: deleteWorkspaceBody } } } },
        responses: { 202: json(WorkspaceDeletionResponse, 'Deletion started'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'workspace.delete', sessionOnly: true },
    ),
    async (c) => {
      await deleteWorkspace(serviceContext(c), c.req.valid('json'));
      return c.json({ status: 'deleting' as const }, 202);
    },
  );
  return app;
}
