import type { AnalyticsMetrics } from '@switchboard/contract/analytics';
import type { Tx } from '../../platform/tenancy';
import { LATENCY_BOUNDS } from './facts';
import { scopeWhere, type Scope } from './range';

type Sums = Record<string, string | number | null>;

const n = (value: unknown) => Number(value ?? 0);
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const seconds = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value)));

/** The histogram bucket edge below which `share` of the answers fall (null without answers). */
export function histogramPercentile(hist: readonly number[], share: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= total * share) return LATENCY_BOUNDS[i] ?? LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1]!;
  }
  return LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1]!;
}

/**
 * The numbers of a scope: counts from the daily rows, medians and p90s from the
 * per-conversation facts (one row per conversation, never the messages).
 */
export async function readMetrics(tx: Tx, scope: Scope): Promise<AnalyticsMetrics> {
  const { where, values } = scopeWhere(scope);
  const { rows } = await tx.query<Sums>(
    `SELECT sum(conversations) AS conversations, sum(visitor_messages) AS visitor, sum(bot_messages) AS bot,
            sum(human_messages) AS human, sum(bot_resolved) AS bot_resolved, sum(handed_off) AS handed_off,
            sum(unanswered_conversations) AS unanswered_conversations, sum(unanswered_questions) AS unanswered_questions,
            sum(csat_count) AS csat_count, sum(csat_sum) AS csat_sum, sum(csat_dist[1]) AS c1, sum(csat_dist[2]) AS c2,
            sum(csat_dist[3]) AS c3, sum(csat_dist[4]) AS c4, sum(csat_dist[5]) AS c5, sum(feedback_up) AS up,
            sum(feedback_down) AS down, sum(leads) AS leads, sum(lead_conversations) AS lead_conversations,
            sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, sum(cost_usd) AS cost
       FROM analytics_daily WHERE ${where}`,
    values,
  );
  const hist = await tx.query<{ i: string; s: string }>(
    `SELECT u.i, sum(u.v) AS s FROM analytics_daily CROSS JOIN LATERAL unnest(latency_hist) WITH ORDINALITY AS u(v, i)
      WHERE ${where} GROUP BY u.i ORDER BY u.i`,
    values,
  );
  const times = await tx.query<Sums>(
    `SELECT count(first_response_seconds) AS fr_count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_seconds) AS fr_median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_seconds) AS fr_p90,
            count(resolution_seconds) AS res_count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_seconds) AS res_median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_seconds) AS res_p90
       FROM analytics_conversations WHERE ${where}`,
    values,
  );
  const s = rows[0] ?? {};
  const t = times.rows[0] ?? {};
  const conversations = n(s.conversations);
  const latency = new Array<number>(LATENCY_BOUNDS.length + 1).fill(0);
  for (const row of hist.rows) latency[Number(row.i) - 1] = n(row.s);
  const csatCount = n(s.csat_count);
  return {
    conversations,
    messages: { visitor: n(s.visitor), bot: n(s.bot), person: n(s.human), total: n(s.visitor) + n(s.bot) + n(s.human) },
    botResolved: n(s.bot_resolved),
    botResolvedRate: rate(n(s.bot_resolved), conversations),
    handedOff: n(s.handed_off),
    handoffRate: rate(n(s.handed_off), conversations),
    unansweredConversations: n(s.unanswered_conversations),
    unansweredQuestions: n(s.unanswered_questions),
    unansweredRate: rate(n(s.unanswered_conversations), conversations),
    firstResponseSeconds: { count: n(t.fr_count), median: seconds(t.fr_median), p90: seconds(t.fr_p90) },
    resolutionSeconds: { count: n(t.res_count), median: seconds(t.res_median), p90: seconds(t.res_p90) },
    csat: {
      count: csatCount,
      average: csatCount > 0 ? Math.round((n(s.csat_sum) / csatCount) * 100) / 100 : null,
      distribution: [n(s.c1), n(s.c2), n(s.c3), n(s.c4), n(s.c5)],
    },
    feedback: { up: n(s.up), down: n(s.down) },
    leads: n(s.leads),
    leadRate: rate(n(s.lead_conversations), conversations),
    tokens: { in: n(s.tokens_in), out: n(s.tokens_out) },
    costUsd: Math.round(n(s.cost) * 1_000_000) / 1_000_000,
    latencyMs: { p50: histogramPercentile(latency, 0.5), p95: histogramPercentile(latency, 0.95) },
  };
}
