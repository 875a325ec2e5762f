import { AuditPageResponse, listAuditInput } from '@switchboard/contract/audit';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { listAuditLog } from './list-audit-log';
import { createRouter } from '../../platform/http/router';

export function auditRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/audit-log',
        tags: ['Audit'],
        summary: 'Audit log, newest first (filter by action prefix, actor, target, dates)',
        request: { query: listAuditInput },
        responses: { 200: json(AuditPageResponse, 'A page of entries'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'audit.read', sessionOnly: true },
    ),
    async (c) => {
      const page = await listAuditLog(serviceContext(c), c.req.valid('query'));
      return c.json(
        { entries: page.entries.map(({ tenantId: _t, ...rest }) => rest), nextCursor: page.nextCursor },
        200,
      );
    },
  );
  return app;
}
