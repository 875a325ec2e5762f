import type Stripe from 'stripe';
import { applySubscription, markPaid, markPastDue, type SubscriptionSnapshot } from './apply';
import { planForProviderPrice } from './plan-prices';
import { billingSettings } from './settings';
import { linkExternal, readSubscription, tenantForExternal, writeInvoice, type SubscriptionStatus } from './store';
import { withPlatform } from '../../platform/tenancy';

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

const STATUS: Record<Stripe.Subscription.Status, SubscriptionStatus> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  canceled: 'canceled',
  unpaid: 'unpaid',
  incomplete: 'incomplete',
  incomplete_expired: 'canceled',
  paused: 'unpaid',
};

/** Our view of a Stripe subscription: its first item's price names the plan. */
export async function stripeSnapshot(sub: Stripe.Subscription): Promise<SubscriptionSnapshot> {
  const item = sub.items.data[0];
  const match = await planForProviderPrice('stripe', item?.price.id);
  return {
    customerId: idOf(sub.customer),
    subscriptionId: sub.id,
    planId: match?.plan.id ?? null,
    interval: match?.price.interval ?? (item?.price.recurring?.interval === 'year' ? 'year' : 'month'),
    status: STATUS[sub.status] ?? 'incomplete',
    currentPeriodEnd: item?.current_period_end ? new Date(item.current_period_end * 1000) : null,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
  };
}

async function storeInvoice(tenantId: string, invoice: Stripe.Invoice, failed: boolean): Promise<void> {
  await withPlatform(async (tx) => {
    const sub = await readSubscription(tx, tenantId);
    const paidAt = invoice.status_transitions?.paid_at;
    await writeInvoice(tx, tenantId, {
      id: invoice.id!,
      provider: 'stripe',
      number: invoice.number ?? null,
      planId: sub?.plan_id ?? null,
      amount: failed ? invoice.amount_due : invoice.amount_paid,
      currency: invoice.currency,
      status: failed ? 'failed' : invoice.status === 'paid' ? 'paid' : ((invoice.status ?? 'open') as 'open'),
      hostedUrl: invoice.hosted_invoice_url ?? null,
      pdfUrl: invoice.invoice_pdf ?? null,
      issuedAt: new Date(invoice.created * 1000),
      paidAt: paidAt ? new Date(paidAt * 1000) : null,
    });
  });
}

/**
 * Applies one verified Stripe event; returns the workspace it concerned (null: not ours).
 * The workspace comes from the customer id we created (never from the event's free text), so
 * an event naming one workspace's customer cannot touch another.
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<string | null> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const tenantId = await tenantForExternal('stripe', idOf(session.customer));
      const subscriptionId = idOf(session.subscription);
      const stripe = billingSettings().stripe;
      if (!tenantId || !subscriptionId || !stripe) return null;
      await withPlatform((tx) => linkExternal(tx, 'stripe', subscriptionId, tenantId));
      await applySubscription(
        tenantId,
        'stripe',
        await stripeSnapshot(await stripe.subscriptions.retrieve(subscriptionId)),
      );
      return tenantId;
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const sub = event.data.object;
      const tenantId = await tenantForExternal('stripe', idOf(sub.customer));
      if (!tenantId) return null;
      const snap = await stripeSnapshot(sub);
      await applySubscription(
        tenantId,
        'stripe',
        event.type.endsWith('deleted') ? { ...snap, status: 'canceled' } : snap,
      );
      return tenantId;
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const tenantId = await tenantForExternal('stripe', idOf(invoice.customer));
      if (!tenantId) return null;
      const failed = event.type === 'invoice.payment_failed';
      await storeInvoice(tenantId, invoice, failed);
      if (failed) await markPastDue(tenantId, 'stripe');
      else await markPaid(tenantId, 'stripe');
      return tenantId;
    }
    default:
      return null;
  }
}
