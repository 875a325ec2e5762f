import { useQuery } from '@tanstack/react-query';
import type { Schema } from '@switchboard/contract/client';
import { ErrorAlert } from '../../components/alert';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { api } from '../../lib/api';
import { formatMoney } from '../billing/payments-api';

type Revenue = Schema<'RevenueResponse'>;

/** Paid invoices by month and plan, across the installation (platform administrators). */
export function RevenuePage() {
  const revenue = useQuery({ queryKey: ['admin', 'revenue'], queryFn: () => api<Revenue>('/api/admin/revenue') });
  return (
    <>
      <PageHeader title="Revenue" description="Paid invoices of the last twelve months, by month and plan." />
      {revenue.isPending ? (
        <Loading label="Loading revenue…" />
      ) : revenue.isError ? (
        <ErrorAlert error={revenue.error} />
      ) : revenue.data.rows.length === 0 ? (
        <EmptyState title="No paid invoices yet">
          <p>Revenue appears here once workspaces pay through Stripe or Razorpay.</p>
        </EmptyState>
      ) : (
        <Table label="Revenue by month and plan">
          <thead>
            <tr>
              <Th>Month</Th>
              <Th>Plan</Th>
              <Th>Invoices</Th>
              <Th>Revenue</Th>
            </tr>
          </thead>
          <TBody>
            {revenue.data.rows.map((row) => (
              <tr key={`${row.month}-${row.planId}-${row.currency}`}>
                <Td>{row.month}</Td>
                <Td>{row.planId ?? '—'}</Td>
                <Td>{row.invoices}</Td>
                <Td>{formatMoney(row.amount, row.currency)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
