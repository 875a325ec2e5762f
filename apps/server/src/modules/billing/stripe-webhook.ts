import type Stripe from 'stripe';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { processOnce } from './events';
import { billingSettings } from './settings';
import { applyStripeEvent } from './stripe-events';

/**
 * `POST /api/billing/stripe/webhook`: verified with the package's constructEvent on the raw
 * body (a forged body, a wrong secret or a stale timestamp, i.e. a replay, is refused before
 * anything is stored), then applied once per event id.
 */
export async function receiveStripeWebhook(rawBody: string, signature: string | undefined) {
  const { stripe, stripeWebhookSecret } = billingSettings();
  if (!stripe || !stripeWebhookSecret) throw new NotFoundError('Stripe billing');
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature ?? '', stripeWebhookSecret);
  } catch {
    throw new ValidationError('The Stripe-Signature header does not match this body.', undefined, 'invalid_signature');
  }
  return processOnce('stripe', event.id, event.type, () => applyStripeEvent(event));
}
