import type { Tx } from '../../platform/tenancy';

const SAME_KEY = 'f.day = g.day AND f.agent_id = g.agent_id AND f.channel = g.channel';
const IN_RANGE = `day BETWEEN $2::date AND $3::date AND ($4::text IS NULL OR agent_id = $4) AND ($5::text IS NULL OR channel = $5)`;

const INSERT = `
INSERT INTO analytics_daily (tenant_id, day, agent_id, channel, conversations, visitor_messages, bot_messages,
  human_messages, bot_resolved, handed_off, handoffs, unanswered_conversations, unanswered_questions, csat_count,
  csat_sum, csat_dist, feedback_up, feedback_down, leads, lead_conversations, tokens_in, tokens_out, cost_usd, latency_hist)
SELECT $1, g.day, g.agent_id, g.channel, g.conversations, g.visitor_messages, g.bot_messages, g.human_messages,
  g.bot_resolved, g.handed_off,
  coalesce((SELECT jsonb_object_agg(x.cause, x.n) FROM (
     SELECT coalesce(f.handoff_cause, 'other') AS cause, count(*)::int AS n FROM analytics_conversations f
      WHERE ${SAME_KEY} AND f.handed_off_at IS NOT NULL GROUP BY 1) x), '{}'::jsonb),
  g.unanswered_conversations, g.unanswered_questions, g.csat_count, g.csat_sum, g.csat_dist, g.feedback_up,
  g.feedback_down, g.leads, g.lead_conversations, g.tokens_in, g.tokens_out, g.cost_usd,
  coalesce((SELECT array_agg(y.s ORDER BY y.i) FROM (
     SELECT u.i, sum(u.v)::int AS s FROM analytics_conversations f
      CROSS JOIN LATERAL unnest(f.latency_hist) WITH ORDINALITY AS u(v, i)
      WHERE ${SAME_KEY} GROUP BY u.i) y), '{}')
FROM (
  SELECT day, agent_id, channel, count(*)::int AS conversations, sum(visitor_messages)::int AS visitor_messages,
    sum(bot_messages)::int AS bot_messages, sum(human_messages)::int AS human_messages,
    count(*) FILTER (WHERE bot_resolved)::int AS bot_resolved, count(handed_off_at)::int AS handed_off,
    count(*) FILTER (WHERE unanswered > 0)::int AS unanswered_conversations, sum(unanswered)::int AS unanswered_questions,
    count(csat)::int AS csat_count, coalesce(sum(csat), 0)::int AS csat_sum,
    ARRAY[count(*) FILTER (WHERE csat = 1), count(*) FILTER (WHERE csat = 2), count(*) FILTER (WHERE csat = 3),
          count(*) FILTER (WHERE csat = 4), count(*) FILTER (WHERE csat = 5)]::int[] AS csat_dist,
    sum(feedback_up)::int AS feedback_up, sum(feedback_down)::int AS feedback_down, sum(leads)::int AS leads,
    count(*) FILTER (WHERE leads > 0)::int AS lead_conversations, sum(tokens_in) AS tokens_in,
    sum(tokens_out) AS tokens_out, sum(cost_usd) AS cost_usd
  FROM analytics_conversations WHERE ${IN_RANGE}
  GROUP BY day, agent_id, channel) g`;

/**
 * Sums the facts again into the daily rows of a range of local days (optionally one agent and
 * channel): the rows are replaced, never incremented, so a repeated refresh is harmless.
 * The caller holds lockAnalytics.
 */
export async function refreshDaily(
  tx: Tx,
  range: { from: string; to: string; agentId?: string | null; channel?: string | null },
): Promise<void> {
  const values = [tx.tenantId, range.from, range.to, range.agentId ?? null, range.channel ?? null];
  await tx.query(`DELETE FROM analytics_daily WHERE tenant_id = $1 AND ${IN_RANGE}`, values);
  await tx.query(INSERT, values);
}
