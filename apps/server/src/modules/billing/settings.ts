import Stripe from 'stripe';
import type { Config } from '../../platform/config';
import { defaultPlanId } from '../plans';

export type Provider = 'stripe' | 'razorpay';

interface BillingSettings {
  stripe: Stripe | null;
  stripeWebhookSecret: string | null;
  razorpay: { apiUrl: string; keyId: string; keySecret: string } | null;
  razorpayWebhookSecret: string | null;
  /** The plan a workspace returns to when its subscription ends. */
  fallbackPlan: string;
  /** The clock of the grace timeline; tests set it. */
  now: () => Date;
}

let settings: BillingSettings = {
  stripe: null,
  stripeWebhookSecret: null,
  razorpay: null,
  razorpayWebhookSecret: null,
  fallbackPlan: 'free',
  now: () => new Date(),
};

/** A Stripe client that talks to STRIPE_API_URL (Stripe's own, a proxy, or a local test peer). */
export function stripeClient(secretKey: string, apiUrl: string): Stripe {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
  });
}

type BillingConfig = Pick<
  Config,
  | 'DEFAULT_PLAN'
  | 'STRIPE_SECRET_KEY'
  | 'STRIPE_WEBHOOK_SECRET'
  | 'STRIPE_API_URL'
  | 'RAZORPAY_KEY_ID'
  | 'RAZORPAY_KEY_SECRET'
  | 'RAZORPAY_WEBHOOK_SECRET'
  | 'RAZORPAY_API_URL'
>;

export function configureBilling(config: BillingConfig): void {
  settings = {
    ...settings,
    stripe: config.STRIPE_SECRET_KEY ? stripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_URL) : null,
    stripeWebhookSecret: config.STRIPE_WEBHOOK_SECRET ?? null,
    razorpay:
      config.RAZORPAY_KEY_ID && config.RAZORPAY_KEY_SECRET
        ? { apiUrl: config.RAZORPAY_API_URL, keyId: config.RAZORPAY_KEY_ID, keySecret: config.RAZORPAY_KEY_SECRET }
        : null,
    razorpayWebhookSecret: config.RAZORPAY_WEBHOOK_SECRET ?? null,
    fallbackPlan: defaultPlanId(config),
  };
}

export function billingSettings(): BillingSettings {
  return settings;
}

/** Tests drive the grace timeline with their own clock. */
export function setBillingClock(now: () => Date): void {
  settings = { ...settings, now };
}

export const billingNow = (): Date => settings.now();

export const fallbackPlanId = (): string => settings.fallbackPlan;
