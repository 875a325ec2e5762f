import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnavailableError } from '../../platform/errors';
import { billingSettings } from './settings';

/** Razorpay's subscription entity, the fields we read. */
export interface RazorpaySubscription {
  id: string;
  entity: 'subscription';
  plan_id: string;
  customer_id?: string | null;
  status: 'created' | 'authenticated' | 'active' | 'pending' | 'halted' | 'cancelled' | 'completed' | 'expired';
  current_end?: number | null;
  short_url?: string;
  notes?: Record<string, string> | unknown[];
}

/** A call to Razorpay's REST API with Basic auth key_id:key_secret (RAZORPAY_API_URL). */
export async function razorpayRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const razorpay = billingSettings().razorpay;
  if (!razorpay) throw new UnavailableError('Razorpay is not configured.', 'billing_not_configured');
  const response = await fetch(new URL(path, razorpay.apiUrl), {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${razorpay.keyId}:${razorpay.keySecret}`).toString('base64')}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  const payload = (await response.json().catch(() => null)) as { error?: { description?: string } } | null;
  if (!response.ok)
    throw new UnavailableError(
      `Razorpay refused the request: ${payload?.error?.description ?? `HTTP ${response.status}`}`,
      'payment_provider_error',
    );
  return payload as T;
}

/** Hex HMAC-SHA256 compared in constant time. */
export function hmacMatches(secret: string, message: string, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(message).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** Razorpay Checkout's proof of a subscription payment: HMAC of `payment_id|subscription_id`. */
export function checkoutSignatureMatches(paymentId: string, subscriptionId: string, signature: string): boolean {
  const secret = billingSettings().razorpay?.keySecret;
  return Boolean(secret) && hmacMatches(secret!, `${paymentId}|${subscriptionId}`, signature);
}
