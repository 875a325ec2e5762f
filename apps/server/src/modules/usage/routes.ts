import { z } from '@hono/zod-openapi';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { readUsage } from './read-usage';
import { createRouter } from '../../platform/http/router';

const Totals = {
  messages: z.number().openapi({ description: 'Bot answers (extractive ones included, with 0 tokens)' }),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  unpricedMessages: z.number().openapi({ description: 'Answers of models without a known price: their cost counts as 0 (set MODEL_PRICES)' }),
};
const UsageReport = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.literal('USD'),
    totals: z.object(Totals),
    months: z.array(z.object({ month: z.string(), ...Totals })),
    agents: z.array(z.object({ agentId: z.string(), agentName: z.string().nullable(), ...Totals })),
  })
  .openapi('UsageReport');

const month = (description: string) => z.string().max(7).optional().openapi({ example: '2026-10', description });

export function usageRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/usage',
        tags: ['Usage'],
        summary: 'Messages, tokens and cost per month and per agent',
        description: 'Months are `YYYY-MM` (UTC), both ends included, at most 36; by default the last six months up to this one.',
        request: { query: z.object({ from: month('First month; default five months before `to`'), to: month('Last month; default this month') }) },
        responses: { 200: json(UsageReport, 'Usage in the range'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'analytics.read' },
    ),
    async (c) => c.json(await readUsage(serviceContext(c), c.req.valid('query')), 200),
  );
  return app;
}
