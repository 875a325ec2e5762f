import { useQuery } from '@tanstack/react-query';
import type { Schema } from '@switchboard/contract/client';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export type SubscriptionInfo = Schema<'SubscriptionResponse'>;
export type Offer = SubscriptionInfo['offers'][number];
export type Invoice = Schema<'Invoice'>;
export type Interval = 'month' | 'year';

export function useSubscription() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('billing', 'subscription'),
    queryFn: () => workspaceApi<SubscriptionInfo>('/api/v1/billing/subscription'),
  });
}

export function useInvoices() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('billing', 'invoices'),
    queryFn: () => workspaceApi<{ invoices: Invoice[] }>('/api/v1/billing/invoices').then((r) => r.invoices),
  });
}

/** An amount in a currency's minor unit, as the owner's browser writes money. */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

export const STATUS_TEXT: Record<string, string> = {
  incomplete: 'Waiting for payment',
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Payment past due',
  canceled: 'Canceled',
  unpaid: 'Unpaid',
};
