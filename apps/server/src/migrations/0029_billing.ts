import { platformTableSql, tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Payments. A workspace has at most one subscription row (its provider's customer and
 * subscription, mirrored from webhooks) and the invoices the provider reported. Provider
 * webhooks arrive without a workspace: `billing_customers` (platform) maps a provider's
 * customer or subscription id to its workspace, and `billing_events` (platform) holds every
 * processed event id, so a redelivered or replayed event is applied once.
 */
export const m0029: Migration = {
  id: '0029_billing',
  sql: `
CREATE TABLE billing_subscriptions (
  tenant_id text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
  customer_id text,
  subscription_id text,
  plan_id text,
  interval text CHECK (interval IN ('month', 'year')),
  status text NOT NULL DEFAULT 'incomplete'
    CHECK (status IN ('incomplete', 'trialing', 'active', 'past_due', 'canceled', 'unpaid')),
  current_period_end timestamptz,
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  past_due_since timestamptz,
  grace_stage text NOT NULL DEFAULT 'none' CHECK (grace_stage IN ('none', 'reminding', 'restricted', 'widget_stopped')),
  reminders_sent integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE billing_invoices (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
  number text,
  plan_id text,
  amount bigint NOT NULL,
  currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible', 'failed')),
  hosted_url text,
  pdf_url text,
  issued_at timestamptz NOT NULL,
  paid_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
${tenantTableSql('billing_subscriptions')}
${tenantTableSql('billing_invoices')}
CREATE TABLE billing_customers (
  provider text NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
  external_id text NOT NULL,
  workspace_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, external_id)
);
CREATE INDEX billing_customers_workspace ON billing_customers (workspace_id);
CREATE TABLE billing_events (
  provider text NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
  event_id text NOT NULL,
  type text NOT NULL,
  workspace_id text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
${platformTableSql('billing_customers')}
${platformTableSql('billing_events')}
`,
};
