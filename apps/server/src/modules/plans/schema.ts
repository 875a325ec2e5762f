import { LIMIT_BEHAVIOURS, type PlanFeatures, type PlanLimits, type PlanPrice } from '@switchboard/contract/plans';
import { boolean, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Platform table (no RLS): the plan catalog, read through withPlatform. */
export const plans = pgTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  public: boolean('public').notNull().default(true),
  archived: boolean('archived').notNull().default(false),
  position: integer('position').notNull().default(0),
  trialDays: integer('trial_days').notNull().default(0),
  graceDays: integer('grace_days').notNull().default(7),
  prices: jsonb('prices').$type<PlanPrice[]>().notNull().default([]),
  limits: jsonb('limits').$type<PlanLimits>().notNull().default({}),
  features: jsonb('features').$type<PlanFeatures>().notNull().default({}),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export type PlanRow = typeof plans.$inferSelect;

export { LIMIT_BEHAVIOURS };
export type LimitBehaviour = (typeof LIMIT_BEHAVIOURS)[number];

/** Tenant table: what the workspace decided about its limits (no row: the defaults). */
export const planSettings = pgTable('plan_settings', {
  tenantId: text('tenant_id').primaryKey(),
  limitBehaviour: text('limit_behaviour', { enum: LIMIT_BEHAVIOURS }).notNull().default('notice'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Tenant table: the 80 % / 100 % mails sent, one per limit, threshold and month. */
export const planLimitNotices = pgTable(
  'plan_limit_notices',
  {
    tenantId: text('tenant_id').notNull(),
    limitName: text('limit_name').notNull(),
    threshold: integer('threshold').notNull(),
    period: text('period').notNull(),
    used: numeric('used').notNull(),
    sentAt: at('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.limitName, t.threshold, t.period] })],
);
