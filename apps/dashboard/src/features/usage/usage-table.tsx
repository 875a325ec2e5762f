import { Table, TBody, Td, Th } from '../../components/table';
import type { UsageTotals } from './usage-api';
import { formatCost, formatCount } from './usage-format';

interface Row extends UsageTotals {
  key: string;
  name: string;
  detail?: string;
}

/** One usage breakdown (by month or by agent) with a total line. */
export function UsageTable({
  title,
  label,
  first,
  rows,
  total,
}: {
  title: string;
  label: string;
  first: string;
  rows: Row[];
  total: UsageTotals;
}) {
  const id = `${title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      <Table label={label}>
        <thead>
          <tr>
            <Th>{first}</Th>
            <Th className="text-right">Messages</Th>
            <Th className="text-right">Tokens in</Th>
            <Th className="text-right">Tokens out</Th>
            <Th className="text-right">Cost</Th>
          </tr>
        </thead>
        <TBody>
          {rows.map((row) => (
            <tr key={row.key}>
              <Td>
                <div className="font-medium text-slate-900">{row.name}</div>
                {row.detail && <div className="font-mono text-xs text-slate-500">{row.detail}</div>}
              </Td>
              <Td className="text-right tabular-nums">{formatCount(row.messages)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.tokensIn)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.tokensOut)}</Td>
              <Td className="text-right tabular-nums">
                {formatCost(row.costUsd)}
                {row.unpricedMessages > 0 && (
                  <div className="text-xs text-amber-700">{formatCount(row.unpricedMessages)} unpriced</div>
                )}
              </Td>
            </tr>
          ))}
          <tr className="bg-slate-50 font-semibold">
            <Td>Total</Td>
            <Td className="text-right tabular-nums">{formatCount(total.messages)}</Td>
            <Td className="text-right tabular-nums">{formatCount(total.tokensIn)}</Td>
            <Td className="text-right tabular-nums">{formatCount(total.tokensOut)}</Td>
            <Td className="text-right tabular-nums">{formatCost(total.costUsd)}</Td>
          </tr>
        </TBody>
      </Table>
    </section>
  );
}
