import {
  BillingPlanResponse,
  BillingSettingsSchema,
  PlanListResponse,
  planParam,
  PlanPatchSchema,
  PlanResponse,
  PlanSchema,
  workspaceParam,
  WorkspacePlanBody,
  WorkspacePlanChange,
} from '@switchboard/contract/plans';
import type { Context } from 'hono';
import { route, requestMeta, serviceContext, sessionUser } from '../../platform/http/access';
import type { App, AppEnv } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { assignPlan } from './assign-plan';
import { readBillingPlan } from './billing-plan';
import { createPlan, deletePlan, updatePlan } from './manage-catalog';
import { listPlans } from './read-plans';
import { updatePlanSettings } from './update-settings';

const admin = { auth: 'superAdmin' } as const;
const tags = ['Plans'];
const body = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

/** The platform administrator acting on a workspace (or on the catalog: tenantId unused). */
function adminContext(c: Context<AppEnv>, tenantId = '') {
  const user = sessionUser(c);
  return { tenantId, actor: { type: 'platformAdmin' as const, userId: user.id, email: user.email }, ...requestMeta(c) };
}

export function planRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/billing/plan',
        tags,
        summary: 'The workspace’s plan, a meter per limit (used and maximum), its features and settings',
        responses: { 200: json(BillingPlanResponse, 'The plan and its meters'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'workspace.read' },
    ),
    async (c) => c.json(await readBillingPlan(serviceContext(c)), 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/billing/settings',
        tags,
        summary: 'What happens when the month’s messages are used up (owners)',
        request: { body: body(BillingSettingsSchema) },
        responses: { 200: json(BillingSettingsSchema, 'The settings'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'billing.manage' },
    ),
    async (c) => c.json(await updatePlanSettings(serviceContext(c), c.req.valid('json')), 200),
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/admin/plans',
        tags,
        summary: 'The plan catalog, archived plans included (platform administrator)',
        responses: { 200: json(PlanListResponse, 'Plans'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => c.json({ plans: await listPlans() }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/admin/plans',
        tags,
        summary: 'Add a plan (platform administrator)',
        request: { body: body(PlanSchema) },
        responses: { 201: json(PlanResponse, 'Created'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => c.json({ plan: await createPlan(adminContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/admin/plans/{id}',
        tags,
        summary: 'Edit a plan; `archived: true` archives it (platform administrator)',
        request: { params: planParam, body: body(PlanPatchSchema) },
        responses: { 200: json(PlanResponse, 'Updated'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => c.json({ plan: await updatePlan(adminContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/admin/plans/{id}',
        tags,
        summary: 'Delete a plan no workspace is on (409 plan_in_use otherwise: archive it)',
        request: { params: planParam },
        responses: { 204: { description: 'Deleted' }, ...ErrorResponses },
      },
      admin,
    ),
    async (c) => {
      await deletePlan(adminContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    route(
      {
        method: 'put',
        path: '/api/v1/admin/workspaces/{id}/plan',
        tags,
        summary: 'Put a workspace on a plan, at once and audited (platform administrator)',
        request: { params: workspaceParam, body: body(WorkspacePlanBody) },
        responses: { 200: json(WorkspacePlanChange, 'The change'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) =>
      c.json(
        await assignPlan(adminContext(c, c.req.valid('param').id), {
          planId: c.req.valid('json').planId,
          source: 'admin',
        }),
        200,
      ),
  );
  return app;
}
