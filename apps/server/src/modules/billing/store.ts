import { withPlatform, type Tx } from '../../platform/tenancy';
import type { Provider } from './settings';

export type SubscriptionStatus = 'incomplete' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid';
export type GraceStage = 'none' | 'reminding' | 'restricted' | 'widget_stopped';

export interface SubscriptionRow {
  tenant_id: string;
  provider: Provider;
  customer_id: string | null;
  subscription_id: string | null;
  plan_id: string | null;
  interval: 'month' | 'year' | null;
  status: SubscriptionStatus;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  past_due_since: Date | null;
  grace_stage: GraceStage;
  reminders_sent: number;
}

/** The workspace a provider's customer or subscription id belongs to (null: none of ours). */
export async function tenantForExternal(provider: Provider, externalId: string | null | undefined) {
  if (!externalId) return null;
  const { rows } = await withPlatform((tx) =>
    tx.query<{ workspace_id: string }>(
      `SELECT workspace_id FROM billing_customers WHERE provider = $1 AND external_id = $2`,
      [provider, externalId],
    ),
  );
  return rows[0]?.workspace_id ?? null;
}

/** Remembers whose customer or subscription an id is; an id never moves to another workspace. */
export async function linkExternal(tx: Tx, provider: Provider, externalId: string, tenantId: string): Promise<void> {
  await tx.query(
    `INSERT INTO billing_customers (provider, external_id, workspace_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [provider, externalId, tenantId],
  );
}

export async function readSubscription(tx: Tx, tenantId: string, lock = false): Promise<SubscriptionRow | null> {
  const { rows } = await tx.query<SubscriptionRow>(
    `SELECT * FROM billing_subscriptions WHERE tenant_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [tenantId],
  );
  return rows[0] ?? null;
}

export type SubscriptionPatch = Partial<Omit<SubscriptionRow, 'tenant_id' | 'provider'>>;

/** Creates or updates a workspace's subscription row with the given columns. */
export async function writeSubscription(
  tx: Tx,
  tenantId: string,
  provider: Provider,
  patch: SubscriptionPatch,
): Promise<void> {
  const columns = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
  const values = columns.map((k) => (patch as Record<string, unknown>)[k]);
  const insertCols = ['tenant_id', 'provider', ...columns];
  const updates = ['provider = EXCLUDED.provider', 'updated_at = now()', ...columns.map((c) => `${c} = EXCLUDED.${c}`)];
  await tx.query(
    `INSERT INTO billing_subscriptions (${insertCols.join(', ')})
     VALUES (${insertCols.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (tenant_id) DO UPDATE SET ${updates.join(', ')}`,
    [tenantId, provider, ...values],
  );
}

export interface InvoiceInput {
  id: string;
  provider: Provider;
  number: string | null;
  planId: string | null;
  amount: number;
  currency: string;
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible' | 'failed';
  hostedUrl: string | null;
  pdfUrl: string | null;
  issuedAt: Date;
  paidAt: Date | null;
}

/** Stores an invoice as the provider last described it. */
export async function writeInvoice(tx: Tx, tenantId: string, invoice: InvoiceInput): Promise<void> {
  await tx.query(
    `INSERT INTO billing_invoices (tenant_id, id, provider, number, plan_id, amount, currency, status, hosted_url, pdf_url, issued_at, paid_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (tenant_id, id) DO UPDATE SET number = EXCLUDED.number, plan_id = COALESCE(EXCLUDED.plan_id, billing_invoices.plan_id),
       amount = EXCLUDED.amount, currency = EXCLUDED.currency, status = EXCLUDED.status, hosted_url = EXCLUDED.hosted_url,
       pdf_url = EXCLUDED.pdf_url, paid_at = EXCLUDED.paid_at`,
    [
      tenantId,
      invoice.id,
      invoice.provider,
      invoice.number,
      invoice.planId,
      invoice.amount,
      invoice.currency.toLowerCase(),
      invoice.status,
      invoice.hostedUrl,
      invoice.pdfUrl,
      invoice.issuedAt,
      invoice.paidAt,
    ],
  );
}
