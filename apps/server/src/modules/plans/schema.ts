import type { PlanFeatures, PlanLimits, PlanPrice } from '@switchboard/contract/plans';
import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
