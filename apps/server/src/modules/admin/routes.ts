import { z } from '@hono/zod-openapi';
import { route, requestMeta, sessionUser } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { listSecurityEvents, listSecurityInput } from '../accounts';
import { setTenantStatus } from '../tenants';
import { startImpersonation } from './impersonate';
import { getTenantDetail, listTenantsInput, listTenantsWithUsage } from './tenants';
import { createRouter } from '../../platform/http/router';

const TenantRow = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    status: z.string(),
    plan: z.string(),
    suspendedReason: z.string().nullable(),
    createdAt: z.date(),
    members: z.number(),
    apiKeys: z.number(),
  })
  .openapi('TenantUsage');

const SecurityEntry = z
  .object({
    id: z.string(),
    kind: z.string(),
    ip: z.string().nullable(),
    userId: z.string().nullable(),
    email: z.string().nullable(),
    workspaceId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.date(),
  })
  .openapi('SecurityEvent');

const tenantParam = z.object({ id: z.string().min(1).max(60).openapi({ param: { name: 'id', in: 'path' } }) });
const admin = { auth: 'superAdmin' } as const;

export function adminRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      { method: 'get', path: '/api/admin/tenants', tags: ['Platform admin'], summary: 'Search workspaces, with usage', request: { query: listTenantsInput }, responses: { 200: json(z.object({ tenants: z.array(TenantRow), total: z.number() }), 'Workspaces'), ...ErrorResponses } },
      admin,
    ),
    async (c) => c.json(await listTenantsWithUsage(c.req.valid('query')), 200),
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/admin/tenants/{id}',
        tags: ['Platform admin'],
        summary: 'A workspace and its members',
        request: { params: tenantParam },
        responses: { 200: json(z.object({ tenant: TenantRow, members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string(), joinedAt: z.date() })) }), 'Workspace'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => c.json(await getTenantDetail(c.req.valid('param').id), 200),
  );

  for (const [verb, status] of [
    ['suspend', 'suspended'],
    ['unsuspend', 'active'],
  ] as const) {
    app.openapi(
      route(
        {
          method: 'post',
          path: `/api/admin/tenants/{id}/${verb}`,
          tags: ['Platform admin'],
          summary: verb === 'suspend' ? 'Suspend a workspace (every API and widget call answers 403)' : 'Reinstate a suspended workspace',
          request: { params: tenantParam, body: { required: true, content: { 'application/json': { schema: z.object({ reason: z.string().trim().max(500).nullish() }) } } } },
          responses: { 200: json(z.object({ status: z.string() }), 'Done'), ...ErrorResponses },
        },
        admin,
      ),
      async (c) => {
        const user = sessionUser(c);
        const ctx = { tenantId: c.req.valid('param').id, actor: { type: 'platformAdmin' as const, userId: user.id, email: user.email }, ...requestMeta(c) };
        const tenant = await setTenantStatus(ctx, status, c.req.valid('json').reason ?? null);
        return c.json({ status: tenant.status }, 200);
      },
    );
  }

  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/admin/impersonate',
        tags: ['Platform admin'],
        summary: 'Sign in as another person for one hour (audited); stop with POST /api/auth/admin/stop-impersonating',
        request: { body: { required: true, content: { 'application/json': { schema: z.object({ userId: z.string().min(1) }) } } } },
        responses: { 200: json(z.object({ impersonating: z.object({ userId: z.string(), email: z.string(), expiresInSeconds: z.number() }) }), 'Impersonating'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => startImpersonation(c, sessionUser(c), c.req.valid('json').userId) as never,
  );

  app.openapi(
    route(
      { method: 'get', path: '/api/admin/security-log', tags: ['Platform admin'], summary: 'Failed logins, lockouts, rate-limit hits, probes', request: { query: listSecurityInput }, responses: { 200: json(z.object({ events: z.array(SecurityEntry), nextCursor: z.string().nullable() }), 'Events'), ...ErrorResponses } },
      admin,
    ),
    async (c) => c.json(await listSecurityEvents(c.req.valid('query')), 200),
  );
  return app;
}
