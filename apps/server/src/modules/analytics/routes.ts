import {
  analyticsQuery,
  AnalyticsHandoffsSchema,
  AnalyticsQuestionsSchema,
  AnalyticsSummarySchema,
  AnalyticsTimeseriesSchema,
} from '@switchboard/contract/analytics';
import type { z } from 'zod';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { readHandoffs, readQuestions } from './read-breakdowns';
import { readSummary } from './read-summary';
import { readTimeseries } from './read-timeseries';

const RANGE =
  'Days are local to the workspace’s time zone (its business hours’ zone), both ends included, at most 366.';

function read<T extends z.ZodTypeAny>(path: string, summary: string, schema: T, description: string) {
  return route(
    {
      method: 'get',
      path: `/api/v1/analytics/${path}`,
      tags: ['Analytics'],
      summary,
      description: `${RANGE} ${description}`,
      request: { query: analyticsQuery },
      responses: { 200: json(schema, summary), ...ErrorResponses },
    },
    { auth: 'workspace', permission: 'analytics.read' },
  );
}

export function analyticsRoutes(): App {
  const app = createRouter();
  app.openapi(
    read(
      'summary',
      'Totals of a range and of the period before it',
      AnalyticsSummarySchema,
      'The previous period has the same length and ends the day before `from`.',
    ),
    async (c) => c.json(await readSummary(serviceContext(c), c.req.valid('query')), 200),
  );
  app.openapi(
    read(
      'timeseries',
      'Conversations, messages and more per day, week or month',
      AnalyticsTimeseriesSchema,
      'Empty buckets are zeros; weeks start on Monday.',
    ),
    async (c) => c.json(await readTimeseries(serviceContext(c), c.req.valid('query')), 200),
  );
  app.openapi(
    read(
      'handoffs',
      'Hand-offs to a person by cause',
      AnalyticsHandoffsSchema,
      'Each conversation counts once, with the cause of its first hand-off.',
    ),
    async (c) => c.json(await readHandoffs(serviceContext(c), c.req.valid('query')), 200),
  );
  app.openapi(
    read(
      'questions',
      'The most frequent first questions and unanswered questions',
      AnalyticsQuestionsSchema,
      'Grouped by normalised text; the 20 most frequent of each.',
    ),
    async (c) => c.json(await readQuestions(serviceContext(c), c.req.valid('query')), 200),
  );
  return app;
}
