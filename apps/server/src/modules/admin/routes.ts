import {
  impersonateBody,
  ImpersonationResponse,
  listSecurityInput,
  listTenantsInput,
  SecurityEventPageResponse,
  suspendBody,
  TenantDetailResponse,
  TenantListResponse,
  tenantParam,
  TenantStatusResponse,
} from '@switchboard/contract/admin';
import { route, requestMeta, sessionUser } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { listSecurityEvents } from '../accounts';
import { setTenantStatus } from '../tenants';
import { startImpersonation } from './impersonate';
import { getTenantDetail, listTenantsWithUsage } from './tenants';
import { createRouter } from '../../platform/http/router';

const admin = { auth: 'superAdmin' } as const;

export function adminRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/admin/tenants',
        tags: ['Platform admin'],
        summary: 'Search workspaces, with usage',
        request: { query: listTenantsInput },
        responses: { 200: json(TenantListResponse, 'Workspaces'), ...ErrorResponses },
      },
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
        responses: { 200: json(TenantDetailResponse, 'Workspace'), ...ErrorResponses },
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
          summary:
            verb === 'suspend'
              ? 'Suspend a workspace (every API and widget call answers 403)'
              : 'Reinstate a suspended workspace',
          request: {
            params: tenantParam,
            body: { required: true, content: { 'application/json': { schema: suspendBody } } },
          },
          responses: { 200: json(TenantStatusResponse, 'Done'), ...ErrorResponses },
        },
        admin,
      ),
      async (c) => {
        const user = sessionUser(c);
        const ctx = {
          tenantId: c.req.valid('param').id,
          actor: { type: 'platformAdmin' as const, userId: user.id, email: user.email },
          ...requestMeta(c),
        };
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
        request: { body: { required: true, content: { 'application/json': { schema: impersonateBody } } } },
        responses: { 200: json(ImpersonationResponse, 'Impersonating'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => startImpersonation(c, sessionUser(c), c.req.valid('json').userId) as never,
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/admin/security-log',
        tags: ['Platform admin'],
        summary: 'Failed logins, lockouts, rate-limit hits, probes',
        request: { query: listSecurityInput },
        responses: { 200: json(SecurityEventPageResponse, 'Events'), ...ErrorResponses },
      },
      admin,
    ),
    async (c) => c.json(await listSecurityEvents(c.req.valid('query')), 200),
  );
  return app;
}
