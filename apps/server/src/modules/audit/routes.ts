import { z } from '@hono/zod-openapi';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { listAuditInput, listAuditLog } from './list-audit-log';
import { createRouter } from '../../platform/http/router';

const Entry = z
  .object({
    id: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    impersonatorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('AuditEntry');

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
        responses: { 200: json(z.object({ entries: z.array(Entry), nextCursor: z.string().nullable() }), 'A page of entries'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'audit.read', sessionOnly: true },
    ),
    async (c) => {
      const page = await listAuditLog(serviceContext(c), c.req.valid('query'));
      return c.json({ entries: page.entries.map(({ tenantId: _t, ...rest }) => rest), nextCursor: page.nextCursor }, 200);
    },
  );
  return app;
}
