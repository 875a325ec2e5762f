import { usageRangeQuery, UsageReportSchema } from '@switchboard/contract/usage';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { readUsage } from './read-usage';
import { createRouter } from '../../platform/http/router';

export function usageRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/usage',
        tags: ['Usage'],
        summary: 'Messages, tokens and cost per month and per agent',
        description:
          'Months are `YYYY-MM` (UTC), both ends included, at most 36; by default the last six months up to this one.',
        request: { query: usageRangeQuery },
        responses: { 200: json(UsageReportSchema, 'Usage in the range'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'analytics.read' },
    ),
    async (c) => c.json(await readUsage(serviceContext(c), c.req.valid('query')), 200),
  );
  return app;
}
