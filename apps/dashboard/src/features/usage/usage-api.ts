import { useQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

/** The usage report as the server answers it (the contract's UsageReport). */
export type UsageReport = Schema<'UsageReport'>;
export type UsageTotals = UsageReport['totals'];

/** `YYYY-MM` of this month (UTC, as the server counts) and of `n - 1` months before it. */
export function lastMonths(n: number, now = new Date()): { from: string; to: string } {
  const at = (back: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  return { from: at(n - 1), to: at(0) };
}

export function useUsage(months: number) {
  const client = useClient();
  const key = useWorkspaceKey();
  const { from, to } = lastMonths(months);
  return useQuery({
    queryKey: key('usage', from, to),
    queryFn: () => call(client.GET('/api/v1/usage', { params: { query: { from, to } } })),
  });
}
