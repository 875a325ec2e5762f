import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert, Notice } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatDate } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { STATUS_TEXT, type SubscriptionInfo } from './payments-api';

/** A banner while a payment is missing: when changes stop, or that they have. */
export function PastDueBanner({ info }: { info: SubscriptionInfo }) {
  const sub = info.subscription;
  if (!sub || sub.graceStage === 'none') return null;
  const stopped = sub.graceStage === 'restricted' || sub.graceStage === 'widget_stopped';
  return (
    <Notice tone="warning" title="The last payment failed" className="mb-6">
      {stopped
        ? sub.graceStage === 'widget_stopped'
          ? 'Changes are paused and the chat has stopped answering visitors. Pay to restore everything at once.'
          : 'Changes are paused; the chat keeps answering visitors for a few more days. Pay to restore everything at once.'
        : `Please update your payment method by ${formatDate(sub.restrictedFrom)}, or changes in this workspace stop.`}
    </Notice>
  );
}

/** The current subscription: plan, status, renewal, payment method and cancelling. */
export function SubscriptionSection({ info }: { info: SubscriptionInfo }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const sub = info.subscription;
  const portal = useMutation({
    mutationFn: () => workspaceApi<{ url: string }>('/api/v1/billing/portal', { method: 'POST', json: {} }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const resume = useMutation({
    mutationFn: () => workspaceApi('/api/v1/billing/cancel', { method: 'POST', json: { cancelAtPeriodEnd: false } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key('billing') }),
  });
  if (!sub || sub.status === 'incomplete')
    return (
      <section aria-labelledby="subscription-title">
        <h2 id="subscription-title" className="text-lg font-semibold text-slate-900">
          Subscription
        </h2>
        <p className="mt-1 text-sm text-slate-600">No subscription yet: choose a plan below.</p>
      </section>
    );
  const plan = info.offers.find((o) => o.planId === sub.planId)?.name ?? sub.planId ?? 'Unknown plan';
  return (
    <section aria-labelledby="subscription-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="subscription-title" className="text-lg font-semibold text-slate-900">
          {plan}
          {sub.interval ? ` · ${sub.interval === 'year' ? 'yearly' : 'monthly'}` : ''}
        </h2>
        <Badge tone={sub.status === 'past_due' ? 'amber' : 'green'}>{STATUS_TEXT[sub.status] ?? sub.status}</Badge>
        <span className="text-sm text-slate-500">via {sub.provider === 'stripe' ? 'Stripe' : 'Razorpay'}</span>
      </div>
      {sub.currentPeriodEnd && sub.status !== 'canceled' && (
        <p className="mt-2 text-sm text-slate-600">
          {sub.cancelAtPeriodEnd ? 'Ends' : 'Renews'} on {formatDate(sub.currentPeriodEnd)}
          {sub.cancelAtPeriodEnd ? '; the workspace then returns to the free plan.' : '.'}
        </p>
      )}
      {(portal.isError || resume.isError) && <ErrorAlert error={portal.error ?? resume.error} className="mt-3" />}
      {sub.status !== 'canceled' && (
        <div className="mt-4 flex flex-wrap gap-2">
          {sub.provider === 'stripe' && (
            <Button variant="secondary" onClick={() => portal.mutate()} disabled={portal.isPending}>
              Payment method and billing details
            </Button>
          )}
          {sub.cancelAtPeriodEnd ? (
            sub.provider === 'stripe' && (
              <Button variant="secondary" onClick={() => resume.mutate()} disabled={resume.isPending}>
                Keep my subscription
              </Button>
            )
          ) : (
            <Button variant="ghost-danger" onClick={() => setCancelling(true)}>
              Cancel subscription
            </Button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title="Cancel the subscription?"
        description={`It stays active until ${formatDate(sub.currentPeriodEnd)}; then the workspace returns to the free plan and its limits.`}
        confirmLabel="Cancel at period end"
        onConfirm={() => workspaceApi('/api/v1/billing/cancel', { method: 'POST', json: { cancelAtPeriodEnd: true } })}
        onDone={() => void queryClient.invalidateQueries({ queryKey: key('billing') })}
      />
    </section>
  );
}
