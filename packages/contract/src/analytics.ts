import { z } from './z';

// Analytics: conversations, hand-offs, response times, satisfaction and cost per local day.

const date = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
    .optional()
    .openapi({ example: '2026-10-01', description });

export const ANALYTICS_INTERVALS = ['day', 'week', 'month'] as const;
export const HANDOFF_CAUSES = [
  'visitor',
  'tool',
  'keyword',
  'unanswered',
  'sentiment',
  'vip',
  'api',
  'team',
  'other',
] as const;

export const analyticsQuery = z.object({
  from: date('First local day (workspace time zone); default 29 days before `to`'),
  to: date('Last local day, included; default today'),
  agentId: z.string().max(64).optional().openapi({ description: 'Only this agent’s conversations' }),
  channel: z.string().max(32).optional().openapi({ example: 'widget', description: 'Only this channel' }),
  interval: z.enum(ANALYTICS_INTERVALS).optional().openapi({ description: 'Time series buckets; default day' }),
});

const Range = z.object({ from: z.string(), to: z.string() });
const Percentiles = z.object({
  count: z.number().openapi({ description: 'Conversations measured' }),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});

export const AnalyticsMetricsSchema = z
  .object({
    conversations: z.number(),
    messages: z.object({ visitor: z.number(), bot: z.number(), person: z.number(), total: z.number() }),
    botResolved: z.number().openapi({ description: 'Closed with no person involved' }),
    botResolvedRate: z.number().nullable(),
    handedOff: z.number(),
    handoffRate: z.number().nullable(),
    unansweredConversations: z.number(),
    unansweredQuestions: z.number(),
    unansweredRate: z.number().nullable(),
    firstResponseSeconds: Percentiles.openapi({ description: 'From the hand-off to the first person’s reply' }),
    resolutionSeconds: Percentiles.openapi({ description: 'From the first message to closing' }),
    csat: z.object({
      count: z.number(),
      average: z.number().nullable(),
      distribution: z.array(z.number()).openapi({ description: 'Ratings 1 to 5' }),
    }),
    feedback: z.object({ up: z.number(), down: z.number() }),
    leads: z.number(),
    leadRate: z.number().nullable().openapi({ description: 'Conversations with a lead / conversations' }),
    tokens: z.object({ in: z.number(), out: z.number() }),
    costUsd: z.number(),
    latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
  })
  .openapi('AnalyticsMetrics');

export const AnalyticsSummarySchema = z
  .object({
    timeZone: z.string(),
    range: Range,
    previousRange: Range,
    current: AnalyticsMetricsSchema,
    previous: AnalyticsMetricsSchema,
  })
  .openapi('AnalyticsSummary');

export const AnalyticsPointSchema = z
  .object({
    start: z.string().openapi({ description: 'First local day of the bucket' }),
    conversations: z.number(),
    messages: z.number(),
    visitorMessages: z.number(),
    botMessages: z.number(),
    personMessages: z.number(),
    botResolved: z.number(),
    handedOff: z.number(),
    leads: z.number(),
    csatCount: z.number(),
    csatAverage: z.number().nullable(),
    tokensIn: z.number(),
    tokensOut: z.number(),
    costUsd: z.number(),
  })
  .openapi('AnalyticsPoint');

export const AnalyticsTimeseriesSchema = z
  .object({
    timeZone: z.string(),
    range: Range,
    interval: z.enum(ANALYTICS_INTERVALS),
    points: z.array(AnalyticsPointSchema),
  })
  .openapi('AnalyticsTimeseries');

export const AnalyticsHandoffsSchema = z
  .object({
    range: Range,
    total: z.number(),
    causes: z.array(z.object({ cause: z.enum(HANDOFF_CAUSES), count: z.number() })),
  })
  .openapi('AnalyticsHandoffs');

const QuestionRow = z.object({
  question: z.string().openapi({ description: 'The most recent wording of the group' }),
  key: z.string().openapi({ description: 'The normalised text the group shares' }),
  count: z.number(),
});
export const AnalyticsQuestionsSchema = z
  .object({ range: Range, top: z.array(QuestionRow), unanswered: z.array(QuestionRow) })
  .openapi('AnalyticsQuestions');

export type AnalyticsMetrics = z.infer<typeof AnalyticsMetricsSchema>;
export type AnalyticsSummary = z.infer<typeof AnalyticsSummarySchema>;
export type AnalyticsPoint = z.infer<typeof AnalyticsPointSchema>;
export type AnalyticsTimeseries = z.infer<typeof AnalyticsTimeseriesSchema>;
export type AnalyticsHandoffs = z.infer<typeof AnalyticsHandoffsSchema>;
export type AnalyticsQuestions = z.infer<typeof AnalyticsQuestionsSchema>;
