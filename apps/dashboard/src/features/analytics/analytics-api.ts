import { useQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

export type AnalyticsSummary = Schema<'AnalyticsSummary'>;
export type AnalyticsMetrics = Schema<'AnalyticsMetrics'>;
export type AnalyticsTimeseries = Schema<'AnalyticsTimeseries'>;
export type AnalyticsHandoffs = Schema<'AnalyticsHandoffs'>;
export type AnalyticsQuestions = Schema<'AnalyticsQuestions'>;

/** The page's filters, as the API takes them (local days of the workspace, both included). */
export interface AnalyticsFilters {
  from: string;
  to: string;
  agentId: string;
}

const query = (f: AnalyticsFilters) => ({ from: f.from, to: f.to, ...(f.agentId && { agentId: f.agentId }) });

export function useAnalyticsSummary(f: AnalyticsFilters) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('analytics', 'summary', f),
    queryFn: () => call(client.GET('/api/v1/analytics/summary', { params: { query: query(f) } })),
  });
}

export function useAnalyticsTimeseries(f: AnalyticsFilters, interval: 'day' | 'week' | 'month') {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('analytics', 'timeseries', f, interval),
    queryFn: () => call(client.GET('/api/v1/analytics/timeseries', { params: { query: { ...query(f), interval } } })),
  });
}

export function useAnalyticsHandoffs(f: AnalyticsFilters) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('analytics', 'handoffs', f),
    queryFn: () => call(client.GET('/api/v1/analytics/handoffs', { params: { query: query(f) } })),
  });
}

export function useAnalyticsQuestions(f: AnalyticsFilters) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('analytics', 'questions', f),
    queryFn: () => call(client.GET('/api/v1/analytics/questions', { params: { query: query(f) } })),
  });
}
