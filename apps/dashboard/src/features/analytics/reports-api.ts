import { useQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

export type AnalyticsReport = Schema<'AnalyticsReport'>;
export type ReportSend = Schema<'AnalyticsReportSend'>;

export function useReports() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('analytics', 'reports'),
    queryFn: () => call(client.GET('/api/v1/analytics/reports')).then((r) => r.reports),
  });
}

export function useReportSends(id: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('analytics', 'reports', id, 'sends'),
    queryFn: () =>
      call(client.GET('/api/v1/analytics/reports/{id}/sends', { params: { path: { id } } })).then((r) => r.sends),
    // A send is queued, then mailed by a job: keep the open log fresh.
    refetchInterval: 3000,
  });
}

export const METRIC_LABELS: Record<AnalyticsReport['metrics'][number], string> = {
  conversations: 'Conversations',
  messages: 'Messages',
  botResolved: 'Resolved by the bot',
  handedOff: 'Handed off',
  unanswered: 'Unanswered rate',
  firstResponse: 'First response time',
  resolution: 'Resolution time',
  csat: 'CSAT',
  feedback: 'Answer feedback',
  leads: 'Leads',
  tokens: 'Model tokens',
  cost: 'Model cost',
};

export const LANGUAGE_LABELS: Record<AnalyticsReport['language'], string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
};

export const FREQUENCY_LABELS: Record<AnalyticsReport['frequency'], string> = {
  daily: 'Daily (yesterday, each morning)',
  weekly: 'Weekly (last week, on Mondays)',
  monthly: 'Monthly (last month, on the 1st)',
};
