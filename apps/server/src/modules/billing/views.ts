import type { Invoice, Subscription } from '@switchboard/contract/payments';
import { assertCan } from '../access';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { findPlan, listPlans } from '../plans';
import { billingSettings } from './settings';
import type { SubscriptionRow } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export async function toSubscription(row: SubscriptionRow): Promise<Subscription> {
  const graceDays = (row.plan_id ? (await findPlan(row.plan_id))?.graceDays : undefined) ?? 7;
  return {
    provider: row.provider,
    status: row.status,
    planId: row.plan_id,
    interval: row.interval,
    currentPeriodEnd: iso(row.current_period_end),
    cancelAtPeriodEnd: row.cancel_at_period_end,
    pastDueSince: iso(row.past_due_since),
    graceStage: row.grace_stage,
    restrictedFrom: row.past_due_since
      ? new Date(new Date(row.past_due_since).getTime() + graceDays * DAY_MS).toISOString()
      : null,
  };
}

export function configuredProviders(): Array<'stripe' | 'razorpay'> {
  const s = billingSettings();
  return [...(s.stripe ? (['stripe'] as const) : []), ...(s.razorpay ? (['razorpay'] as const) : [])];
}

/** Public plans with at least one price sold through a configured provider. */
async function offers(providers: Array<'stripe' | 'razorpay'>) {
  return (await listPlans())
    .filter((plan) => plan.public && !plan.archived)
    .map((plan) => ({
      planId: plan.id,
      name: plan.name,
      description: plan.description,
      trialDays: plan.trialDays,
      prices: plan.prices
        .filter((p) => providers.some((provider) => (provider === 'stripe' ? p.stripePriceId : p.razorpayPlanId)))
        .map(({ interval, currency, amount }) => ({ interval, currency, amount })),
    }))
    .filter((offer) => offer.prices.length > 0);
}

export async function subscriptionResponse(row: SubscriptionRow | null) {
  const providers = configuredProviders();
  return {
    subscription: row ? await toSubscription(row) : null,
    providers,
    razorpayKeyId: billingSettings().razorpay?.keyId ?? null,
    offers: await offers(providers),
  };
}

/** The workspace's subscription as the Billing page shows it. */
export async function getSubscription(ctx: ServiceContext) {
  assertCan(ctx, 'billing.manage');
  const { rows } = await withTenant(ctx, (tx) => tx.query<SubscriptionRow>(`SELECT * FROM billing_subscriptions`));
  return subscriptionResponse(rows[0] ?? null);
}

/** Invoices, newest first. */
export async function listInvoices(ctx: ServiceContext): Promise<Invoice[]> {
  assertCan(ctx, 'billing.manage');
  const { rows } = await withTenant(ctx, (tx) =>
    tx.query<{
      id: string;
      number: string | null;
      issued_at: Date;
      amount: string;
      currency: string;
      status: Invoice['status'];
      pdf_url: string | null;
      hosted_url: string | null;
    }>(`SELECT * FROM billing_invoices ORDER BY issued_at DESC, id LIMIT 200`),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issuedAt: new Date(r.issued_at).toISOString(),
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status,
    pdfUrl: r.pdf_url,
    hostedUrl: r.hosted_url,
  }));
}
