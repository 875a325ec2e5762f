import { z } from './z';

// The plan catalog: what each plan costs, allows and includes. Platform data, edited by the
// platform administrator; a workspace is on exactly one plan (`tenants.plan`).

/** Counted limits. Absent or null: unlimited. */
export const PLAN_LIMITS = [
  'agents',
  'members',
  'knowledgeSources',
  'storedBytes',
  'messagesPerMonth',
  'modelSpendUsdPerMonth',
  'channels',
  'webhookEndpoints',
  'customActions',
] as const;
export type PlanLimit = (typeof PLAN_LIMITS)[number];

/** Features a plan includes (true) or not. Absent: not included. */
export const PLAN_FEATURES = [
  'removeBranding',
  'customActions',
  'webhooks',
  'channels',
  'apiAccess',
  'scheduledReports',
] as const;
export type PlanFeature = (typeof PLAN_FEATURES)[number];

export const BILLING_INTERVALS = ['month', 'year'] as const;

export const planId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Use 1–40 lowercase letters, digits, - or _, starting with a letter or digit');

export const PlanLimitsSchema = z
  .object(
    Object.fromEntries(PLAN_LIMITS.map((name) => [name, z.number().min(0).nullable().optional()])) as Record<
      PlanLimit,
      z.ZodOptional<z.ZodNullable<z.ZodNumber>>
    >,
  )
  .strict()
  .openapi('PlanLimits');
export type PlanLimits = z.infer<typeof PlanLimitsSchema>;

export const PlanFeaturesSchema = z
  .object(
    Object.fromEntries(PLAN_FEATURES.map((name) => [name, z.boolean().optional()])) as Record<
      PlanFeature,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict()
  .openapi('PlanFeatures');
export type PlanFeatures = z.infer<typeof PlanFeaturesSchema>;

/** One price of a plan. `amount` is in the currency's minor unit (cents, paise). */
export const PlanPriceSchema = z
  .object({
    interval: z.enum(BILLING_INTERVALS),
    currency: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{3}$/, 'Use a three-letter ISO currency code such as usd'),
    amount: z.number().int().min(0),
    /** The payment provider's own ids for this price (Stripe price id, Razorpay plan id). */
    stripePriceId: z.string().trim().min(1).max(200).optional(),
    razorpayPlanId: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .openapi('PlanPrice');
export type PlanPrice = z.infer<typeof PlanPriceSchema>;

export const PlanSchema = z
  .object({
    id: planId,
    name: z.string().trim().min(1).max(80),
    description: z.string().max(500),
    /** Shown to workspace owners on the billing page (a hidden plan is assigned by the operator only). */
    public: z.boolean(),
    archived: z.boolean(),
    position: z.number().int(),
    trialDays: z.number().int().min(0).max(365),
    /** Days a workspace keeps working after a failed payment before it is suspended. */
    graceDays: z.number().int().min(0).max(90),
    prices: z.array(PlanPriceSchema).max(20),
    limits: PlanLimitsSchema,
    features: PlanFeaturesSchema,
  })
  .openapi('Plan');
export type Plan = z.infer<typeof PlanSchema>;

// Routes: the catalog for the platform administrator, a workspace's plan and meters for its members.

export const PlanListResponse = z.object({ plans: z.array(PlanSchema) }).openapi('PlanList');
export const PlanResponse = z.object({ plan: PlanSchema }).openapi('PlanResponse');
/** An edit: any subset of the fields but the id. */
export const PlanPatchSchema = PlanSchema.omit({ id: true }).partial().strict().openapi('PlanPatch');
export const planParam = z.object({
  id: planId.openapi({ param: { name: 'id', in: 'path' } }),
});
export const workspaceParam = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const WorkspacePlanBody = z.object({ planId }).strict().openapi('WorkspacePlanBody');
export const WorkspacePlanChange = z.object({ before: z.string(), after: z.string() }).openapi('WorkspacePlanChange');

export const LIMIT_BEHAVIOURS = ['notice', 'overage'] as const;
export const BillingSettingsSchema = z
  .object({
    /** When the month's messages are used up: a polite notice offering a person, or metered overage. */
    limitBehaviour: z.enum(LIMIT_BEHAVIOURS),
  })
  .strict()
  .openapi('BillingSettings');

export const PlanMeterSchema = z
  .object({
    limit: z.enum(PLAN_LIMITS),
    used: z.number(),
    /** null: unlimited. */
    max: z.number().nullable(),
    /** Monthly limits only: what was used past the allowance (metered overage). */
    overage: z.number().optional(),
  })
  .openapi('PlanMeter');

export const BillingPlanResponse = z
  .object({
    plan: PlanSchema,
    /** The workspace's calendar month the monthly meters count (its time zone). */
    period: z.string(),
    meters: z.array(PlanMeterSchema),
    features: z.record(z.enum(PLAN_FEATURES), z.boolean()),
    limitBehaviour: z.enum(LIMIT_BEHAVIOURS),
    /** Whether the caller may change the settings (billing.manage). */
    canManage: z.boolean(),
  })
  .openapi('BillingPlan');
export type BillingPlan = z.infer<typeof BillingPlanResponse>;
