import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { formatMoney, type Interval, type Offer, type SubscriptionInfo } from './payments-api';

type Preview = { amountDue: number; proration: number; currency: string; prorationDate: number };

/**
 * The plans to buy, per month or per year. Without a live subscription a choice goes to the
 * provider's checkout; with one, the prorated cost is shown before the change is confirmed.
 */
export function PlanPicker({ info }: { info: SubscriptionInfo }) {
  const workspaceApi = useWorkspaceApi();
  const [interval, setInterval] = useState<Interval>(info.subscription?.interval ?? 'month');
  const [changing, setChanging] = useState<Offer | null>(null);
  const live = info.subscription && !['canceled', 'incomplete'].includes(info.subscription.status);
  const checkout = useMutation({
    mutationFn: (planId: string) =>
      workspaceApi<{ url: string | null }>('/api/v1/billing/checkout', { method: 'POST', json: { planId, interval } }),
    onSuccess: ({ url }) => {
      if (url) window.location.assign(url);
    },
  });
  return (
    <section aria-labelledby="plans-title" className="mt-8">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="plans-title" className="text-lg font-semibold text-slate-900">
          Plans
        </h2>
        <div role="radiogroup" aria-label="Billing interval" className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm">
          {(['month', 'year'] as const).map((value) => (
            <button
              key={value}
              role="radio"
              aria-checked={interval === value}
              className={interval === value ? 'rounded-md bg-white px-3 py-1 shadow-sm' : 'px-3 py-1 text-slate-600'}
              onClick={() => setInterval(value)}
            >
              {value === 'month' ? 'Monthly' : 'Yearly'}
            </button>
          ))}
        </div>
      </div>
      {checkout.isError && <ErrorAlert error={checkout.error} className="mb-3" />}
      <ul className="grid gap-4 md:grid-cols-3">
        {info.offers.map((offer) => {
          const price = offer.prices.find((p) => p.interval === interval);
          const current = live && info.subscription?.planId === offer.planId && info.subscription.interval === interval;
          return (
            <li key={offer.planId} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-semibold text-slate-900">{offer.name}</h3>
              <p className="mt-1 text-sm text-slate-600">{offer.description}</p>
              <p className="mt-3 text-xl font-semibold">
                {price ? `${formatMoney(price.amount, price.currency)} / ${interval}` : 'Not sold per ' + interval}
              </p>
              {offer.trialDays > 0 && !live && (
                <p className="text-xs text-slate-500">{offer.trialDays}-day free trial</p>
              )}
              <Button
                className="mt-3 w-full"
                disabled={!price || Boolean(current) || checkout.isPending}
                onClick={() => (live ? setChanging(offer) : checkout.mutate(offer.planId))}
              >
                {current ? 'Current plan' : live ? `Switch to ${offer.name}` : `Choose ${offer.name}`}
              </Button>
            </li>
          );
        })}
      </ul>
      {changing && <ChangeDialog offer={changing} interval={interval} onClose={() => setChanging(null)} />}
    </section>
  );
}

function ChangeDialog({ offer, interval, onClose }: { offer: Offer; interval: Interval; onClose: () => void }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  // A preview is a quote at this moment: never cached, fetched when the dialog opens.
  const load = useQuery({
    queryKey: key('billing', 'preview', offer.planId, interval),
    queryFn: () =>
      workspaceApi<Preview>('/api/v1/billing/change/preview', {
        method: 'POST',
        json: { planId: offer.planId, interval },
      }),
    gcTime: 0,
    staleTime: 0,
  });
  const preview = load.data ?? null;
  const confirm = useMutation({
    mutationFn: () =>
      workspaceApi('/api/v1/billing/change', {
        method: 'POST',
        json: { planId: offer.planId, interval, prorationDate: preview?.prorationDate },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: key('billing') });
      onClose();
    },
  });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Switch to ${offer.name}`}>
      {load.isError && <ErrorAlert error={load.error} />}
      {preview ? (
        <div className="space-y-1 text-sm" data-testid="proration">
          <p>
            Charged now for the rest of this period: <strong>{formatMoney(preview.proration, preview.currency)}</strong>
          </p>
          <p>Next invoice: {formatMoney(preview.amountDue, preview.currency)}</p>
        </div>
      ) : (
        !load.isError && <p className="text-sm">Working out the prorated amount…</p>
      )}
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Keep my plan
        </Button>
        <Button disabled={!preview || confirm.isPending} onClick={() => confirm.mutate()}>
          Confirm change
        </Button>
      </DialogActions>
    </Dialog>
  );
}
