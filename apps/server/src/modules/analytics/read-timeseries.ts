import { analyticsQuery, type AnalyticsPoint, type AnalyticsTimeseries } from '@switchboard/contract/analytics';
import type { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { addDays, resolveScope, scopeWhere, type Interval } from './range';

type Row = Record<string, string | number | null>;
const n = (value: unknown) => Number(value ?? 0);

/** The first local day of the bucket a day falls in (weeks start on Monday, as ISO weeks do). */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 8)}01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function nextBucket(start: string, interval: Interval): string {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const [y, m] = start.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function point(start: string, r: Row | undefined): AnalyticsPoint {
  const visitor = n(r?.visitor);
  const bot = n(r?.bot);
  const person = n(r?.human);
  const csatCount = n(r?.csat_count);
  return {
    start,
    conversations: n(r?.conversations),
    messages: visitor + bot + person,
    visitorMessages: visitor,
    botMessages: bot,
    personMessages: person,
    botResolved: n(r?.bot_resolved),
    handedOff: n(r?.handed_off),
    leads: n(r?.leads),
    csatCount,
    csatAverage: csatCount > 0 ? Math.round((n(r?.csat_sum) / csatCount) * 100) / 100 : null,
    tokensIn: n(r?.tokens_in),
    tokensOut: n(r?.tokens_out),
    costUsd: Math.round(n(r?.cost) * 1_000_000) / 1_000_000,
  };
}

/** One point per day, week or month of the range, empty buckets included as zeros. */
export async function readTimeseries(
  ctx: ServiceContext,
  input: z.input<typeof analyticsQuery>,
): Promise<AnalyticsTimeseries> {
  assertCan(ctx, 'analytics.read');
  const query = analyticsQuery.parse(input);
  return withTenant(ctx, async (tx) => {
    const scope = await resolveScope(tx, ctx, query);
    const { where, values } = scopeWhere(scope);
    const { rows } = await tx.query<Row>(
      `SELECT date_trunc('${scope.interval}', day::timestamp)::date::text AS start, sum(conversations) AS conversations,
              sum(visitor_messages) AS visitor, sum(bot_messages) AS bot, sum(human_messages) AS human,
              sum(bot_resolved) AS bot_resolved, sum(handed_off) AS handed_off, sum(leads) AS leads,
              sum(csat_count) AS csat_count, sum(csat_sum) AS csat_sum, sum(tokens_in) AS tokens_in,
              sum(tokens_out) AS tokens_out, sum(cost_usd) AS cost
         FROM analytics_daily WHERE ${where} GROUP BY 1`,
      values,
    );
    const byStart = new Map(rows.map((r) => [String(r.start), r]));
    const points: AnalyticsPoint[] = [];
    for (
      let start = bucketStart(scope.from, scope.interval);
      start <= scope.to;
      start = nextBucket(start, scope.interval)
    )
      points.push(point(start, byStart.get(start)));
    return { timeZone: scope.timeZone, range: { from: scope.from, to: scope.to }, interval: scope.interval, points };
  });
}
