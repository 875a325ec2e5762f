import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { formatDate } from '../../lib/format';
import { formatMoney, useInvoices } from './payments-api';

/** The workspace's invoices with links to the provider's PDF. */
export function InvoicesSection() {
  const invoices = useInvoices();
  return (
    <section aria-labelledby="invoices-title" className="mt-8">
      <h2 id="invoices-title" className="mb-3 text-lg font-semibold text-slate-900">
        Invoices
      </h2>
      {invoices.isPending ? (
        <Loading label="Loading invoices…" />
      ) : invoices.isError ? (
        <ErrorAlert error={invoices.error} />
      ) : invoices.data.length === 0 ? (
        <EmptyState title="No invoices yet">
          <p>Invoices appear here once a payment is made.</p>
        </EmptyState>
      ) : (
        <Table label="Invoices">
          <thead>
            <tr>
              <Th>Number</Th>
              <Th>Date</Th>
              <Th>Amount</Th>
              <Th>Status</Th>
              <Th>PDF</Th>
            </tr>
          </thead>
          <TBody>
            {invoices.data.map((invoice) => (
              <tr key={invoice.id}>
                <Td>{invoice.number ?? invoice.id}</Td>
                <Td>{formatDate(invoice.issuedAt)}</Td>
                <Td>{formatMoney(invoice.amount, invoice.currency)}</Td>
                <Td>
                  <Badge>{invoice.status}</Badge>
                </Td>
                <Td>
                  {(invoice.pdfUrl ?? invoice.hostedUrl) ? (
                    <a
                      className="font-medium text-indigo-700 underline"
                      href={invoice.pdfUrl ?? invoice.hostedUrl ?? undefined}
                      target="_blank"
                      rel="noreferrer"
                    >
                      Download
                    </a>
                  ) : (
                    '—'
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
