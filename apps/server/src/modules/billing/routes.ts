import { z } from '@hono/zod-openapi';
import {
  cancelInput,
  checkoutInput,
  CheckoutResponse,
  InvoiceListResponse,
  planChangeInput,
  PlanChangePreviewResponse,
  PortalResponse,
  razorpayPaymentInput,
  RevenueResponse,
  SubscriptionResponse,
} from '@switchboard/contract/payments';
import { OkResponse } from '@switchboard/contract/common';
import { route, serviceContext } from '../../platform/http/access';
import type { Context } from 'hono';
import type { App, AppEnv } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { cancelSubscription, changePlan, previewPlanChange } from './change';
import { confirmRazorpayPayment, openPortal, startCheckout } from './checkout';
import { receiveRazorpayWebhook } from './razorpay-webhook';
import { revenueByMonth } from './revenue';
import { receiveStripeWebhook } from './stripe-webhook';
import { getSubscription, listInvoices } from './views';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
// Owners in the dashboard: paying is a person's decision, not an API key's.
const owner = { auth: 'workspace', permission: 'billing.manage', sessionOnly: true } as const;
const tags = ['Billing'];
type Handler = (c: Context<AppEnv>) => Promise<Response>;

export function billingRoutes(): App {
  const app = createRouter();
  const ownerGet = (path: string, summary: string, schema: z.ZodType, handler: Handler) =>
    app.openapi(
      route({ method: 'get', path, tags, summary, responses: { 200: json(schema, 'OK'), ...ErrorResponses } }, owner),
      handler as never,
    );
  ownerGet(
    '/api/v1/billing/subscription',
    'The workspace’s subscription and the providers on offer',
    SubscriptionResponse,
    async (c) => c.json(await getSubscription(serviceContext(c)), 200),
  );
  ownerGet('/api/v1/billing/invoices', 'Invoices, newest first', InvoiceListResponse, async (c) =>
    c.json({ invoices: await listInvoices(serviceContext(c)) }, 200),
  );
  const ownerPost = <S extends z.ZodType>(
    path: string,
    summary: string,
    input: S | null,
    schema: z.ZodType,
    handler: Handler,
  ) =>
    app.openapi(
      route(
        {
          method: 'post',
          path,
          tags,
          summary,
          ...(input ? { request: body(input) } : {}),
          responses: { 200: json(schema, 'OK'), ...ErrorResponses },
        },
        owner,
      ),
      handler as never,
    );
  ownerPost(
    '/api/v1/billing/checkout',
    'Start buying a plan (Stripe Checkout page, or a Razorpay subscription)',
    checkoutInput,
    CheckoutResponse,
    async (c) => c.json(await startCheckout(serviceContext(c), await c.req.json()), 200),
  );
  ownerPost(
    '/api/v1/billing/razorpay/confirm',
    'Razorpay Checkout’s payment, verified by its signature',
    razorpayPaymentInput,
    SubscriptionResponse,
    async (c) => c.json(await confirmRazorpayPayment(serviceContext(c), await c.req.json()), 200),
  );
  ownerPost(
    '/api/v1/billing/portal',
    'A Stripe Customer Portal session (payment method, cancel)',
    null,
    PortalResponse,
    async (c) => c.json(await openPortal(serviceContext(c)), 200),
  );
  ownerPost(
    '/api/v1/billing/change/preview',
    'What a plan change would cost now, prorated',
    planChangeInput,
    PlanChangePreviewResponse,
    async (c) => c.json(await previewPlanChange(serviceContext(c), await c.req.json()), 200),
  );
  ownerPost(
    '/api/v1/billing/change',
    'Change plan or interval at once, prorated',
    planChangeInput,
    SubscriptionResponse,
    async (c) => c.json(await changePlan(serviceContext(c), await c.req.json()), 200),
  );
  ownerPost(
    '/api/v1/billing/cancel',
    'Cancel at the end of the paid period (or take that back)',
    cancelInput,
    SubscriptionResponse,
    async (c) => c.json(await cancelSubscription(serviceContext(c), await c.req.json()), 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/admin/revenue',
        tags: ['Platform admin'],
        summary: 'Revenue by month and plan, from paid invoices',
        responses: { 200: json(RevenueResponse, 'Revenue'), ...ErrorResponses },
      },
      { auth: 'superAdmin' },
    ),
    async (c) => c.json({ rows: await revenueByMonth() }, 200),
  );
  for (const provider of ['stripe', 'razorpay'] as const)
    app.openapi(
      route(
        {
          method: 'post',
          path: `/api/billing/${provider}/webhook`,
          tags,
          summary: `Where ${provider === 'stripe' ? 'Stripe' : 'Razorpay'} delivers subscription events (verified by signature)`,
          responses: { 200: json(OkResponse, 'Applied, or already applied'), ...ErrorResponses },
        },
        { auth: 'public' },
      ),
      async (c) => {
        const raw = await c.req.text();
        if (provider === 'stripe') await receiveStripeWebhook(raw, c.req.header('stripe-signature'));
        else await receiveRazorpayWebhook(raw, c.req.raw.headers);
        return c.json({ ok: true as const }, 200);
      },
    );
  return app;
}
