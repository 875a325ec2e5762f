import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

export type BillingPlan = Schema<'BillingPlan'>;
export type PlanMeter = Schema<'PlanMeter'>;
export type LimitBehaviour = BillingPlan['limitBehaviour'];

export function useBillingPlan() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('billing', 'plan'),
    queryFn: () => call(client.GET('/api/v1/billing/plan')),
  });
}

export function useUpdateBillingSettings() {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (limitBehaviour: LimitBehaviour) =>
      call(client.PATCH('/api/v1/billing/settings', { body: { limitBehaviour } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key('billing') }),
  });
}

export const LIMIT_LABELS: Record<PlanMeter['limit'], string> = {
  agents: 'Agents',
  members: 'Members (with pending invitations)',
  knowledgeSources: 'Knowledge sources',
  storedBytes: 'File storage',
  messagesPerMonth: 'Messages this month',
  modelSpendUsdPerMonth: 'Model spend this month',
  channels: 'Channels',
  webhookEndpoints: 'Webhook endpoints',
  customActions: 'Custom actions',
};

export const FEATURE_LABELS: Record<string, string> = {
  removeBranding: 'Remove “Powered by Switchboard” from the widget',
  customActions: 'Custom actions',
  webhooks: 'Webhooks',
  channels: 'Channels (Telegram, WhatsApp)',
  apiAccess: 'API access with API keys',
  scheduledReports: 'Scheduled reports',
};

export function formatAmount(limit: PlanMeter['limit'], value: number): string {
  if (limit === 'storedBytes') {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = value;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
  }
  if (limit === 'modelSpendUsdPerMonth') return `$${value.toFixed(2)}`;
  return new Intl.NumberFormat('en').format(value);
}
