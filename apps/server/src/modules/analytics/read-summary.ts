import { analyticsQuery, type AnalyticsSummary } from '@switchboard/contract/analytics';
import type { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { readMetrics } from './metrics';
import { previousOf, resolveScope } from './range';

/** The range's numbers beside those of the period of the same length just before it. */
export async function readSummary(
  ctx: ServiceContext,
  input: z.input<typeof analyticsQuery>,
): Promise<AnalyticsSummary> {
  assertCan(ctx, 'analytics.read');
  const query = analyticsQuery.parse(input);
  return withTenant(ctx, async (tx) => {
    const scope = await resolveScope(tx, ctx, query);
    const previous = previousOf(scope);
    return {
      timeZone: scope.timeZone,
      range: { from: scope.from, to: scope.to },
      previousRange: { from: previous.from, to: previous.to },
      current: await readMetrics(tx, scope),
      previous: await readMetrics(tx, previous),
    };
  });
}
