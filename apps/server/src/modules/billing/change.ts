import { cancelInput, planChangeInput } from '@switchboard/contract/payments';
import type Stripe from 'stripe';
import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { withPlatform, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { findPlan } from '../plans';
import { applySubscription } from './apply';
import { providerPrice } from './plan-prices';
import { razorpayRequest, type RazorpaySubscription } from './razorpay-api';
import { razorpaySnapshot } from './razorpay-webhook';
import { billingNow, billingSettings } from './settings';
import { stripeSnapshot } from './stripe-events';
import { readSubscription, type SubscriptionRow } from './store';
import { getSubscription } from './views';

async function liveSubscription(ctx: ServiceContext): Promise<SubscriptionRow & { subscription_id: string }> {
  const row = await withPlatform((tx) => readSubscription(tx, ctx.tenantId));
  if (!row?.subscription_id || row.status === 'canceled' || row.status === 'incomplete')
    throw new NotFoundError('Subscription');
  return row as SubscriptionRow & { subscription_id: string };
}

async function stripeTarget(ctx: ServiceContext, input: z.output<typeof planChangeInput>) {
  const row = await liveSubscription(ctx);
  const stripe = billingSettings().stripe;
  if (row.provider !== 'stripe' || !stripe)
    throw new ConflictError(
      'Change a Razorpay subscription by cancelling it and subscribing again.',
      'change_not_supported',
    );
  const plan = await findPlan(input.planId);
  if (!plan || plan.archived) throw new NotFoundError('Plan');
  const price = providerPrice(plan, input.interval, 'stripe');
  if (!price)
    throw new ValidationError(
      `The ${plan.name} plan is not sold per ${input.interval} here.`,
      undefined,
      'price_not_available',
    );
  const sub = await stripe.subscriptions.retrieve(row.subscription_id);
  const item = sub.items.data[0];
  if (!item) throw new ConflictError('The subscription has no item to change.', 'change_not_supported');
  return { stripe, row, sub, item, price: price.id };
}

/** What the change would cost now: Stripe's preview of the next invoice with prorations. */
export async function previewPlanChange(ctx: ServiceContext, raw: z.input<typeof planChangeInput>) {
  assertCan(ctx, 'billing.manage');
  const input = planChangeInput.parse(raw);
  const { stripe, row, item, price } = await stripeTarget(ctx, input);
  const prorationDate = input.prorationDate ?? Math.floor(billingNow().getTime() / 1000);
  const preview = await stripe.invoices.createPreview({
    customer: row.customer_id ?? undefined,
    subscription: row.subscription_id,
    subscription_details: {
      items: [{ id: item.id, price }],
      proration_behavior: 'create_prorations',
      proration_date: prorationDate,
    },
  });
  const proration = preview.lines.data
    .filter(
      (line) =>
        (line as Stripe.InvoiceLineItem & { parent?: { subscription_item_details?: { proration?: boolean } } }).parent
          ?.subscription_item_details?.proration,
    )
    .reduce((sum, line) => sum + line.amount, 0);
  return { amountDue: preview.amount_due, proration, currency: preview.currency, prorationDate };
}

/** Upgrades or downgrades at once, prorated as previewed. */
export async function changePlan(ctx: ServiceContext, raw: z.input<typeof planChangeInput>) {
  assertCan(ctx, 'billing.manage');
  const input = planChangeInput.parse(raw);
  const { stripe, row, item, price } = await stripeTarget(ctx, input);
  const updated = await stripe.subscriptions.update(row.subscription_id, {
    items: [{ id: item.id, price }],
    proration_behavior: 'create_prorations',
    ...(input.prorationDate ? { proration_date: input.prorationDate } : {}),
  });
  await applySubscription(ctx.tenantId, 'stripe', await stripeSnapshot(updated));
  return getSubscription(ctx);
}

/** Cancels at the end of the paid period (or takes that back); the plan stays until then. */
export async function cancelSubscription(ctx: ServiceContext, raw: z.input<typeof cancelInput>) {
  assertCan(ctx, 'billing.manage');
  const input = cancelInput.parse(raw);
  const row = await liveSubscription(ctx);
  if (row.provider === 'stripe') {
    const updated = await billingSettings().stripe!.subscriptions.update(row.subscription_id, {
      cancel_at_period_end: input.cancelAtPeriodEnd,
    });
    await applySubscription(ctx.tenantId, 'stripe', await stripeSnapshot(updated));
  } else {
    if (!input.cancelAtPeriodEnd)
      throw new ConflictError('A Razorpay cancellation cannot be taken back: subscribe again.', 'change_not_supported');
    const sub = await razorpayRequest<RazorpaySubscription>(
      'POST',
      `/v1/subscriptions/${encodeURIComponent(row.subscription_id)}/cancel`,
      { cancel_at_cycle_end: 1 },
    );
    const snap = await razorpaySnapshot(sub);
    await applySubscription(ctx.tenantId, 'razorpay', { ...snap, cancelAtPeriodEnd: snap.status !== 'canceled' });
  }
  return getSubscription(ctx);
}
