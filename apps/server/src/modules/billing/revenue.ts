import { withPlatform } from '../../platform/tenancy';

/** Paid invoices summed by month (UTC), plan and currency, newest month first: for the admin console. */
export async function revenueByMonth(months = 12) {
  const { rows } = await withPlatform((tx) =>
    tx.query<{ month: string; plan_id: string | null; currency: string; amount: string; invoices: string }>(
      `SELECT to_char(date_trunc('month', paid_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, plan_id, currency,
              sum(amount) AS amount, count(*) AS invoices
       FROM billing_invoices
       WHERE status = 'paid' AND paid_at AT TIME ZONE 'UTC' >= date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $1::int - 1)
       GROUP BY 1, 2, 3 ORDER BY 1 DESC, 4 DESC`,
      [months],
    ),
  );
  return rows.map((r) => ({
    month: r.month,
    planId: r.plan_id,
    currency: r.currency,
    amount: Number(r.amount),
    invoices: Number(r.invoices),
  }));
}
