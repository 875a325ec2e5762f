import { z } from 'zod';
import { httpUrl } from './shapes';

const secret = z.string().trim().min(1).optional();

/** Plans and the payment providers that sell them. */
export const billingShape = {
  /**
   * The plan new workspaces get (a plan id of the catalog). Unset: `free` when a payment
   * provider is configured, else `unlimited`, so a self-hosted installation limits nobody.
   */
  DEFAULT_PLAN: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a plan id such as free or unlimited')
    .optional(),
  STRIPE_SECRET_KEY: secret,
  STRIPE_WEBHOOK_SECRET: secret,
  /** Stripe's API address: set for a proxy, or a local peer in tests. */
  STRIPE_API_URL: httpUrl('https://api.stripe.com'),
  RAZORPAY_KEY_ID: secret,
  RAZORPAY_KEY_SECRET: secret,
  RAZORPAY_WEBHOOK_SECRET: secret,
  /** Razorpay's API address: set for a proxy, or a local peer in tests. */
  RAZORPAY_API_URL: httpUrl('https://api.razorpay.com'),
};
