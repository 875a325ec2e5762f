import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Schema } from '../../lib/client';

export type Plan = Schema<'Plan'>;
export type PlanLimits = Plan['limits'];
export type PlanFeatures = Plan['features'];

export const LIMIT_FIELDS: Array<[keyof PlanLimits, string]> = [
  ['agents', 'Agents'],
  ['members', 'Members'],
  ['knowledgeSources', 'Knowledge sources'],
  ['storedBytes', 'Stored bytes'],
  ['messagesPerMonth', 'Messages per month'],
  ['modelSpendUsdPerMonth', 'Model spend per month (USD)'],
  ['channels', 'Channels'],
  ['webhookEndpoints', 'Webhook endpoints'],
  ['customActions', 'Custom actions'],
];

export const FEATURE_FIELDS: Array<[keyof PlanFeatures, string]> = [
  ['removeBranding', 'Remove widget branding'],
  ['customActions', 'Custom actions'],
  ['webhooks', 'Webhooks'],
  ['channels', 'Channels'],
  ['apiAccess', 'API access'],
  ['scheduledReports', 'Scheduled reports'],
];

export function usePlans() {
  return useQuery({
    queryKey: ['admin', 'plans'],
    queryFn: () => api<{ plans: Plan[] }>('/api/v1/admin/plans'),
  });
}
