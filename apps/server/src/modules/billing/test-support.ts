import { withPlatform } from '../../platform/tenancy';

/** Catalog prices with provider ids, as an operator would set them (tests only). */
export async function sellPlansInTests(): Promise<void> {
  await withPlatform(async (tx) => {
    const set = (id: string, prices: unknown[]) =>
      tx.query(`UPDATE plans SET prices = $2::jsonb WHERE id = $1`, [id, JSON.stringify(prices)]);
    await set('basic', [
      { interval: 'month', currency: 'usd', amount: 1900, stripePriceId: 'price_basic_month_1900' },
      { interval: 'year', currency: 'usd', amount: 19000, stripePriceId: 'price_basic_year_19000' },
    ]);
    await set('advanced', [
      { interval: 'month', currency: 'usd', amount: 4900, stripePriceId: 'price_advanced_month_4900' },
    ]);
    await set('pro', [{ interval: 'month', currency: 'inr', amount: 149900, razorpayPlanId: 'plan_ProMonthly01' }]);
  });
}

/** What the database holds for a workspace (read as the platform, across tenants). */
export async function billingState(tenantId: string) {
  return withPlatform(async (tx) => {
    const sub = await tx.query(`SELECT * FROM billing_subscriptions WHERE tenant_id = $1`, [tenantId]);
    const invoices = await tx.query(`SELECT * FROM billing_invoices WHERE tenant_id = $1 ORDER BY issued_at`, [
      tenantId,
    ]);
    const plan = await tx.query<{ plan: string }>(`SELECT plan FROM tenants WHERE id = $1`, [tenantId]);
    const audit = await tx.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE tenant_id = $1 AND action LIKE 'billing.%' OR (tenant_id = $1 AND action = 'workspace.plan_changed') ORDER BY created_at, id`,
      [tenantId],
    );
    const events = await tx.query(`SELECT count(*)::int AS n FROM billing_events`);
    return {
      sub: sub.rows[0] as Record<string, any> | undefined,
      invoices: invoices.rows as Record<string, any>[],
      plan: plan.rows[0]?.plan,
      audit: audit.rows.map((r) => r.action),
      events: (events.rows[0] as { n: number }).n,
    };
  });
}
