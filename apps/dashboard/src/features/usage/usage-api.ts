import { useQuery } from '@tanstack/react-query';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export interface UsageTotals {
  messages: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  unpricedMessages: number;
}

export interface UsageReport {
  from: string;
  to: string;
  currency: 'USD';
  totals: UsageTotals;
  months: Array<UsageTotals & { month: string }>;
  agents: Array<UsageTotals & { agentId: string; agentName: string | null }>;
}

/** `YYYY-MM` of this month (UTC, as the server counts) and of `n - 1` months before it. */
export function lastMonths(n: number, now = new Date()): { from: string; to: string } {
  const at = (back: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  return { from: at(n - 1), to: at(0) };
}

export function useUsage(months: number) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const { from, to } = lastMonths(months);
  return useQuery({ queryKey: key('usage', from, to), queryFn: () => workspaceApi<UsageReport>(`/api/v1/usage?from=${from}&to=${to}`) });
}
