import type { Config } from '../../platform/config';

type BillingConfig = Pick<Config, 'DEFAULT_PLAN' | 'STRIPE_SECRET_KEY' | 'RAZORPAY_KEY_ID'>;

/** Whether the installation sells plans (a payment provider is configured). */
export function sellsPlans(config: BillingConfig): boolean {
  return Boolean(config.STRIPE_SECRET_KEY || config.RAZORPAY_KEY_ID);
}

/** New workspaces' plan: DEFAULT_PLAN, else `free` where plans are sold and `unlimited` where not. */
export function defaultPlanId(config: BillingConfig): string {
  return config.DEFAULT_PLAN ?? (sellsPlans(config) ? 'free' : 'unlimited');
}
