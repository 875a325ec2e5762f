import type { RouteCase } from './route-cases';

/** The billing routes (owners only; no provider is configured in the suite, so they answer 4xx). */
export const BILLING_ROUTE_CASES: Record<string, RouteCase> = {
  'POST /api/v1/billing/checkout': { body: () => ({ planId: 'basic', interval: 'month' }) },
  'POST /api/v1/billing/razorpay/confirm': {
    body: () => ({ paymentId: 'pay_case', subscriptionId: 'sub_case', signature: '00'.repeat(32) }),
  },
  'POST /api/v1/billing/change/preview': { body: () => ({ planId: 'advanced', interval: 'month' }) },
  'POST /api/v1/billing/change': { body: () => ({ planId: 'advanced', interval: 'month' }) },
  'POST /api/v1/billing/cancel': { body: () => ({ cancelAtPeriodEnd: true }) },
};
