import { z } from './z';

// Payments: a workspace's subscription with Stripe or Razorpay, its invoices, and the
// platform's revenue. The plan catalog itself is in plans.ts.

export const PAYMENT_PROVIDERS = ['stripe', 'razorpay'] as const;
export const SUBSCRIPTION_STATUSES = ['incomplete', 'trialing', 'active', 'past_due', 'canceled', 'unpaid'] as const;
export const GRACE_STAGES = ['none', 'reminding', 'restricted', 'widget_stopped'] as const;
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible', 'failed'] as const;

const interval = z.enum(['month', 'year']);
const planRef = z.string().trim().min(1).max(40);

export const SubscriptionSchema = z
  .object({
    provider: z.enum(PAYMENT_PROVIDERS),
    status: z.enum(SUBSCRIPTION_STATUSES),
    planId: z.string().nullable(),
    interval: interval.nullable(),
    currentPeriodEnd: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    pastDueSince: z.string().nullable(),
    graceStage: z.enum(GRACE_STAGES),
    /** When members' changes are paused if the payment is still missing. */
    restrictedFrom: z.string().nullable(),
  })
  .openapi('Subscription');
export type Subscription = z.infer<typeof SubscriptionSchema>;

export const SubscriptionResponse = z
  .object({
    subscription: SubscriptionSchema.nullable(),
    /** The payment providers this installation is set up with (none: plans are assigned by the operator). */
    providers: z.array(z.enum(PAYMENT_PROVIDERS)),
    /** Razorpay's public key id, for its Checkout script. */
    razorpayKeyId: z.string().nullable(),
    /** The plans an owner can buy here: public ones with a price of a configured provider. */
    offers: z.array(
      z.object({
        planId: z.string(),
        name: z.string(),
        description: z.string(),
        trialDays: z.number(),
        prices: z.array(z.object({ interval, currency: z.string(), amount: z.number() })),
      }),
    ),
  })
  .openapi('SubscriptionResponse');

export const checkoutInput = z
  .object({ planId: planRef, interval, provider: z.enum(PAYMENT_PROVIDERS).optional() })
  .strict()
  .openapi('CheckoutInput');

export const CheckoutResponse = z
  .object({
    provider: z.enum(PAYMENT_PROVIDERS),
    /** Stripe: the hosted Checkout page to send the owner to. */
    url: z.string().nullable(),
    /** Razorpay: the subscription to open in Razorpay Checkout. */
    subscriptionId: z.string().nullable(),
  })
  .openapi('CheckoutResponse');

export const razorpayPaymentInput = z
  .object({
    paymentId: z.string().trim().min(1).max(100),
    subscriptionId: z.string().trim().min(1).max(100),
    signature: z.string().trim().min(1).max(200),
  })
  .strict()
  .openapi('RazorpayPaymentInput');

export const PortalResponse = z.object({ url: z.string() }).openapi('PortalResponse');

export const planChangeInput = z
  .object({ planId: planRef, interval, prorationDate: z.number().int().positive().optional() })
  .strict()
  .openapi('PlanChangeInput');

export const PlanChangePreviewResponse = z
  .object({
    /** What the next invoice would be with the change, in the currency's minor unit. */
    amountDue: z.number(),
    /** The proration part of it (negative: a credit). */
    proration: z.number(),
    currency: z.string(),
    /** Pass it back when confirming so the charge matches the preview. */
    prorationDate: z.number(),
  })
  .openapi('PlanChangePreviewResponse');

export const cancelInput = z.object({ cancelAtPeriodEnd: z.boolean() }).strict().openapi('CancelInput');

export const InvoiceSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    issuedAt: z.string(),
    amount: z.number(),
    currency: z.string(),
    status: z.enum(INVOICE_STATUSES),
    pdfUrl: z.string().nullable(),
    hostedUrl: z.string().nullable(),
  })
  .openapi('Invoice');
export type Invoice = z.infer<typeof InvoiceSchema>;

export const InvoiceListResponse = z.object({ invoices: z.array(InvoiceSchema) }).openapi('InvoiceListResponse');

export const RevenueResponse = z
  .object({
    rows: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-11' }),
        planId: z.string().nullable(),
        currency: z.string(),
        amount: z.number(),
        invoices: z.number(),
      }),
    ),
  })
  .openapi('RevenueResponse');
