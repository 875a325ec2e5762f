import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { withPlatform } from '../../platform/tenancy';
import { applySubscription, markPaid, markPastDue, type SubscriptionSnapshot } from './apply';
import { processOnce } from './events';
import { planForProviderPrice } from './plan-prices';
import { hmacMatches, type RazorpaySubscription } from './razorpay-api';
import { billingSettings } from './settings';
import { readSubscription, tenantForExternal, writeInvoice, type SubscriptionStatus } from './store';

const STATUS: Record<RazorpaySubscription['status'], SubscriptionStatus> = {
  created: 'incomplete',
  authenticated: 'trialing',
  active: 'active',
  pending: 'past_due',
  halted: 'past_due',
  cancelled: 'canceled',
  completed: 'canceled',
  expired: 'canceled',
};

export async function razorpaySnapshot(sub: RazorpaySubscription): Promise<SubscriptionSnapshot> {
  const match = await planForProviderPrice('razorpay', sub.plan_id);
  return {
    customerId: sub.customer_id ?? null,
    subscriptionId: sub.id,
    planId: match?.plan.id ?? null,
    interval: match?.price.interval ?? null,
    status: STATUS[sub.status] ?? 'incomplete',
    currentPeriodEnd: sub.current_end ? new Date(sub.current_end * 1000) : null,
    cancelAtPeriodEnd: false,
  };
}

const envelope = z.object({
  event: z.string(),
  payload: z
    .object({
      subscription: z
        .object({ entity: z.looseObject({ id: z.string(), plan_id: z.string(), status: z.string() }) })
        .optional(),
      payment: z
        .object({
          entity: z.looseObject({
            id: z.string(),
            amount: z.number(),
            currency: z.string(),
            invoice_id: z.string().nullish(),
            subscription_id: z.string().nullish(),
            customer_id: z.string().nullish(),
            created_at: z.number().optional(),
          }),
        })
        .optional(),
    })
    .loose(),
});
type Envelope = z.infer<typeof envelope>;

async function applyRazorpayEvent(body: Envelope): Promise<string | null> {
  const sub = body.payload.subscription?.entity as RazorpaySubscription | undefined;
  const payment = body.payload.payment?.entity;
  const tenantId =
    (await tenantForExternal('razorpay', sub?.id ?? payment?.subscription_id)) ??
    (await tenantForExternal('razorpay', payment?.customer_id));
  if (!tenantId) return null;
  if (sub) await applySubscription(tenantId, 'razorpay', await razorpaySnapshot(sub));
  if (body.event === 'subscription.charged' && payment) {
    await withPlatform(async (tx) => {
      const row = await readSubscription(tx, tenantId);
      const at = new Date((payment.created_at ?? Math.floor(Date.now() / 1000)) * 1000);
      await writeInvoice(tx, tenantId, {
        id: payment.invoice_id ?? payment.id,
        provider: 'razorpay',
        number: payment.invoice_id ?? null,
        planId: row?.plan_id ?? null,
        amount: payment.amount,
        currency: payment.currency,
        status: 'paid',
        hostedUrl: null,
        pdfUrl: null,
        issuedAt: at,
        paidAt: at,
      });
    });
    await markPaid(tenantId, 'razorpay');
  }
  if (body.event === 'payment.failed') await markPastDue(tenantId, 'razorpay');
  return tenantId;
}

/**
 * `POST /api/billing/razorpay/webhook`: `X-Razorpay-Signature` is the hex HMAC-SHA256 of the raw
 * body with RAZORPAY_WEBHOOK_SECRET; the event id (`X-Razorpay-Event-Id`) makes it apply once.
 */
export async function receiveRazorpayWebhook(rawBody: string, headers: Headers) {
  const secret = billingSettings().razorpayWebhookSecret;
  if (!secret) throw new NotFoundError('Razorpay billing');
  if (!hmacMatches(secret, rawBody, headers.get('x-razorpay-signature') ?? undefined))
    throw new ValidationError(
      'The X-Razorpay-Signature header does not match this body.',
      undefined,
      'invalid_signature',
    );
  const eventId = headers.get('x-razorpay-event-id');
  if (!eventId) throw new ValidationError('X-Razorpay-Event-Id is missing.', undefined, 'event_id_required');
  const body = envelope.safeParse(JSON.parse(rawBody));
  if (!body.success) throw new ValidationError('Not a Razorpay event.', undefined, 'invalid_event');
  return processOnce('razorpay', eventId, body.data.event, () => applyRazorpayEvent(body.data));
}
