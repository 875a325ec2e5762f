import { checkoutInput, razorpayPaymentInput } from '@switchboard/contract/payments';
import type { z } from 'zod';
import { appUrl } from '../../platform/app-url';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { withPlatform, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { findPlan } from '../plans';
import { describeTenant } from '../tenants';
import { applySubscription } from './apply';
import { providerPrice } from './plan-prices';
import { checkoutSignatureMatches, razorpayRequest, type RazorpaySubscription } from './razorpay-api';
import { razorpaySnapshot } from './razorpay-webhook';
import { billingSettings, type Provider } from './settings';
import { linkExternal, readSubscription, tenantForExternal, writeSubscription } from './store';
import { configuredProviders, getSubscription } from './views';

const LIVE = new Set(['trialing', 'active', 'past_due', 'unpaid']);
const billingPage = (tenantId: string, outcome: string) => `${appUrl()}/w/${tenantId}/billing?checkout=${outcome}`;

/** The Stripe customer of the workspace: reused, or created (and remembered as ours). */
async function stripeCustomer(ctx: ServiceContext, email: string | null): Promise<string> {
  const existing = await withPlatform((tx) => readSubscription(tx, ctx.tenantId));
  if (existing?.provider === 'stripe' && existing.customer_id) return existing.customer_id;
  const workspace = await describeTenant(ctx.tenantId);
  const customer = await billingSettings().stripe!.customers.create({
    name: workspace?.name,
    ...(email ? { email } : {}),
    metadata: { workspaceId: ctx.tenantId },
  });
  await withPlatform(async (tx) => {
    await linkExternal(tx, 'stripe', customer.id, ctx.tenantId);
    await writeSubscription(tx, ctx.tenantId, 'stripe', { customer_id: customer.id, status: 'incomplete' });
  });
  return customer.id;
}

/**
 * Starts buying a plan: Stripe answers with its hosted Checkout page; Razorpay with a
 * subscription the page opens in Razorpay Checkout. A workspace with a live subscription
 * changes plan instead.
 */
export async function startCheckout(ctx: ServiceContext, raw: z.input<typeof checkoutInput>) {
  assertCan(ctx, 'billing.manage');
  const input = checkoutInput.parse(raw);
  const providers = configuredProviders();
  const provider: Provider | undefined = input.provider ?? providers[0];
  if (!provider || !providers.includes(provider))
    throw new ForbiddenError('Plans are assigned by the operator of this installation.', 'billing_not_configured');
  const current = await withPlatform((tx) => readSubscription(tx, ctx.tenantId));
  if (current?.subscription_id && LIVE.has(current.status))
    throw new ConflictError(
      'This workspace already has a subscription: change its plan instead.',
      'subscription_exists',
    );
  const plan = await findPlan(input.planId);
  if (!plan || plan.archived) throw new NotFoundError('Plan');
  const price = providerPrice(plan, input.interval, provider);
  if (!price)
    throw new ValidationError(
      `The ${plan.name} plan is not sold per ${input.interval} here.`,
      undefined,
      'price_not_available',
    );
  if (provider === 'stripe') {
    const customer = await stripeCustomer(ctx, ctx.actor.type === 'user' ? ctx.actor.email : null);
    const session = await billingSettings().stripe!.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: ctx.tenantId,
      line_items: [{ price: price.id, quantity: 1 }],
      subscription_data: {
        metadata: { workspaceId: ctx.tenantId },
        ...(plan.trialDays > 0 ? { trial_period_days: plan.trialDays } : {}),
      },
      success_url: billingPage(ctx.tenantId, 'success'),
      cancel_url: billingPage(ctx.tenantId, 'cancel'),
    });
    return { provider, url: session.url, subscriptionId: null };
  }
  const sub = await razorpayRequest<RazorpaySubscription>('POST', '/v1/subscriptions', {
    plan_id: price.id,
    total_count: input.interval === 'year' ? 10 : 120,
    customer_notify: 1,
    notes: { workspaceId: ctx.tenantId },
  });
  await withPlatform(async (tx) => {
    await linkExternal(tx, 'razorpay', sub.id, ctx.tenantId);
    await writeSubscription(tx, ctx.tenantId, 'razorpay', {
      subscription_id: sub.id,
      plan_id: plan.id,
      interval: input.interval,
      status: 'incomplete',
    });
  });
  return { provider, url: sub.short_url ?? null, subscriptionId: sub.id };
}

/** Razorpay Checkout's handler result: the signature proves the payment, then the state is read back. */
export async function confirmRazorpayPayment(ctx: ServiceContext, raw: z.input<typeof razorpayPaymentInput>) {
  assertCan(ctx, 'billing.manage');
  const input = razorpayPaymentInput.parse(raw);
  if ((await tenantForExternal('razorpay', input.subscriptionId)) !== ctx.tenantId)
    throw new NotFoundError('Subscription');
  if (!checkoutSignatureMatches(input.paymentId, input.subscriptionId, input.signature))
    throw new ValidationError('The payment signature does not match.', undefined, 'invalid_signature');
  const sub = await razorpayRequest<RazorpaySubscription>(
    'GET',
    `/v1/subscriptions/${encodeURIComponent(input.subscriptionId)}`,
  );
  await applySubscription(ctx.tenantId, 'razorpay', await razorpaySnapshot(sub));
  return getSubscription(ctx);
}

/** Stripe's Customer Portal (payment method, invoices, cancel), returning to the Billing page. */
export async function openPortal(ctx: ServiceContext): Promise<{ url: string }> {
  assertCan(ctx, 'billing.manage');
  const row = await withPlatform((tx) => readSubscription(tx, ctx.tenantId));
  const stripe = billingSettings().stripe;
  if (!stripe || row?.provider !== 'stripe' || !row.customer_id) throw new NotFoundError('Stripe customer');
  const session = await stripe.billingPortal.sessions.create({
    customer: row.customer_id,
    return_url: `${appUrl()}/w/${ctx.tenantId}/billing`,
  });
  return { url: session.url };
}
