import type { Plan, PlanPrice } from '@switchboard/contract/plans';
import { listPlans } from '../plans';

export interface PlanPriceMatch {
  plan: Plan;
  price: PlanPrice;
}

/** The catalog plan and price a Stripe price id or a Razorpay plan id stands for. */
export async function planForProviderPrice(
  provider: 'stripe' | 'razorpay',
  id: string | null | undefined,
): Promise<PlanPriceMatch | null> {
  if (!id) return null;
  for (const plan of await listPlans()) {
    const price = plan.prices.find((p) => (provider === 'stripe' ? p.stripePriceId : p.razorpayPlanId) === id);
    if (price) return { plan, price };
  }
  return null;
}

/** A plan's price for an interval, with the provider's id for it (null: not sold that way). */
export function providerPrice(plan: Plan, interval: 'month' | 'year', provider: 'stripe' | 'razorpay') {
  const price = plan.prices.find((p) => p.interval === interval);
  const id = price && (provider === 'stripe' ? price.stripePriceId : price.razorpayPlanId);
  return price && id ? { price, id } : null;
}
