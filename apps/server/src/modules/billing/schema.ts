import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * The billing tables (migration 0029). The services read and write them in SQL (store.ts);
 * these declarations keep the schema test's one list of every table true.
 */
const at = (name: string) => timestamp(name, { withTimezone: true });
const provider = () => text('provider', { enum: ['stripe', 'razorpay'] }).notNull();

/** Tenant table (RLS): a workspace's subscription with its provider, and its grace stage. */
export const billingSubscriptions = pgTable('billing_subscriptions', {
  tenantId: text('tenant_id').primaryKey(),
  provider: provider(),
  customerId: text('customer_id'),
  subscriptionId: text('subscription_id'),
  planId: text('plan_id'),
  interval: text('interval', { enum: ['month', 'year'] }),
  status: text('status', { enum: ['incomplete', 'trialing', 'active', 'past_due', 'canceled', 'unpaid'] })
    .notNull()
    .default('incomplete'),
  currentPeriodEnd: at('current_period_end'),
  cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
  pastDueSince: at('past_due_since'),
  graceStage: text('grace_stage', { enum: ['none', 'reminding', 'restricted', 'widget_stopped'] })
    .notNull()
    .default('none'),
  remindersSent: integer('reminders_sent').notNull().default(0),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Tenant table (RLS): invoices as the provider issued them. */
export const billingInvoices = pgTable(
  'billing_invoices',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    provider: provider(),
    number: text('number'),
    planId: text('plan_id'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['draft', 'open', 'paid', 'void', 'uncollectible', 'failed'] }).notNull(),
    hostedUrl: text('hosted_url'),
    pdfUrl: text('pdf_url'),
    issuedAt: at('issued_at').notNull(),
    paidAt: at('paid_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Platform table: which workspace a provider's customer or subscription id belongs to. */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    provider: provider(),
    externalId: text('external_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.externalId] })],
);

/** Platform table: provider events applied, each once. */
export const billingEvents = pgTable(
  'billing_events',
  {
    provider: provider(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    workspaceId: text('workspace_id'),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
