import {
  analyticsQuery,
  HANDOFF_CAUSES,
  type AnalyticsHandoffs,
  type AnalyticsQuestions,
} from '@switchboard/contract/analytics';
import type { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { resolveScope, scopeWhere } from './range';

const TOP = 20;

/** Hand-offs of the range by cause, every cause listed (zeros included), the most frequent first. */
export async function readHandoffs(
  ctx: ServiceContext,
  input: z.input<typeof analyticsQuery>,
): Promise<AnalyticsHandoffs> {
  assertCan(ctx, 'analytics.read');
  const query = analyticsQuery.parse(input);
  return withTenant(ctx, async (tx) => {
    const scope = await resolveScope(tx, ctx, query);
    const { where, values } = scopeWhere(scope);
    const { rows } = await tx.query<{ cause: string; count: string }>(
      `SELECT h.key AS cause, sum(h.value::int) AS count
         FROM analytics_daily CROSS JOIN LATERAL jsonb_each_text(handoffs) AS h(key, value)
        WHERE ${where} GROUP BY h.key`,
      values,
    );
    const counts = new Map(rows.map((r) => [r.cause, Number(r.count)]));
    const causes = HANDOFF_CAUSES.map((cause) => ({ cause, count: counts.get(cause) ?? 0 })).sort(
      (a, b) => b.count - a.count,
    );
    return {
      range: { from: scope.from, to: scope.to },
      total: causes.reduce((sum, c) => sum + c.count, 0),
      causes,
    };
  });
}

type QuestionRow = { key: string; question: string; count: string };
const toRow = (r: QuestionRow) => ({ key: r.key, question: r.question, count: Number(r.count) });

/**
 * The visitors' first messages grouped by their normalised text (lower case, accents and
 * punctuation dropped, spaces collapsed: knowledge/gaps normalizeQuestion), and the
 * questions nothing answered grouped the same way; the most frequent first.
 */
export async function readQuestions(
  ctx: ServiceContext,
  input: z.input<typeof analyticsQuery>,
): Promise<AnalyticsQuestions> {
  assertCan(ctx, 'analytics.read');
  const query = analyticsQuery.parse(input);
  return withTenant(ctx, async (tx) => {
    const scope = await resolveScope(tx, ctx, query);
    const { where, values } = scopeWhere(scope);
    const top = await tx.query<QuestionRow>(
      `SELECT question_key AS key, (array_agg(first_question ORDER BY started_at DESC))[1] AS question, count(*) AS count
         FROM analytics_conversations WHERE ${where} AND question_key IS NOT NULL
        GROUP BY question_key ORDER BY count(*) DESC, question_key LIMIT ${TOP}`,
      values,
    );
    const unanswered = await tx.query<QuestionRow>(
      `SELECT left(g.normalized, 200) AS key, (array_agg(left(g.question, 500) ORDER BY g.created_at DESC))[1] AS question,
              count(*) AS count
         FROM knowledge_gaps g
        WHERE g.conversation_id IN (SELECT conversation_id FROM analytics_conversations WHERE ${where})
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${TOP}`,
      values,
    );
    return {
      range: { from: scope.from, to: scope.to },
      top: top.rows.map(toRow),
      unanswered: unanswered.rows.map(toRow),
    };
  });
}
