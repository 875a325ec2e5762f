import { useSearchParams } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField } from '../../components/field';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useUsage, type UsageTotals } from './usage-api';
import { formatCost, formatCount, formatMonth } from './usage-format';
import { UsageTable } from './usage-table';

const RANGES = [6, 12, 24] as const;

export function UsagePage() {
  const [params, setParams] = useSearchParams();
  const months = RANGES.find((n) => String(n) === params.get('months')) ?? 6;
  const usage = useUsage(months);
  const report = usage.data;
  const current = report?.months.at(-1);

  return (
    <>
      <PageHeader
        title="Usage"
        description="The answers your agents gave, the model tokens they used and what those cost, per month and per agent. Costs are estimates from each model’s list price; answers composed from your knowledge without a model count as messages with no tokens."
        actions={
          <SelectField
            label="Period"
            fieldClassName="w-48"
            value={months}
            onChange={(e) => setParams({ months: e.target.value })}
          >
            {RANGES.map((n) => (
              <option key={n} value={n}>
                Last {n} months
              </option>
            ))}
          </SelectField>
        }
      />
      {usage.isPending ? (
        <Loading label="Loading usage…" />
      ) : usage.isError ? (
        <ErrorAlert error={usage.error} />
      ) : report!.totals.messages === 0 ? (
        <EmptyState title="No usage yet" icon={<Icon name="gauge" />}>
          <p>
            When your agents answer visitors, the widget, your channels or the API, their messages, tokens and cost are
            counted here, month by month and agent by agent.
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="this-month-heading">
            <h2 id="this-month-heading" className="text-lg font-semibold">
              This month <span className="font-normal text-slate-500">({formatMonth(current!.month)})</span>
            </h2>
            <Totals totals={current!} />
          </section>
          {report!.totals.unpricedMessages > 0 && (
            <Notice tone="warning" title="Some answers are unpriced">
              {formatCount(report!.totals.unpricedMessages)} answer{report!.totals.unpricedMessages === 1 ? '' : 's'} in
              this period came from models without a known price and count as $0. The platform administrator can price
              them with <code>MODEL_PRICES</code>.
            </Notice>
          )}
          <UsageTable
            title="By month"
            label="Usage by month"
            first="Month"
            rows={[...report!.months].reverse().map((m) => ({ key: m.month, name: formatMonth(m.month), ...m }))}
            total={report!.totals}
          />
          <UsageTable
            title="By agent"
            label="Usage by agent"
            first="Agent"
            rows={report!.agents.map((a) => ({
              key: a.agentId,
              name: a.agentName ?? 'Deleted agent',
              detail: a.agentId,
              ...a,
            }))}
            total={report!.totals}
          />
        </div>
      )}
    </>
  );
}

function Totals({ totals }: { totals: UsageTotals }) {
  const items = [
    { label: 'Messages', value: formatCount(totals.messages) },
    { label: 'Tokens in', value: formatCount(totals.tokensIn) },
    { label: 'Tokens out', value: formatCount(totals.tokensOut) },
    {
      label: 'Cost',
      value: formatCost(totals.costUsd),
      note: totals.unpricedMessages ? `${formatCount(totals.unpricedMessages)} unpriced` : undefined,
    },
  ];
  return (
    <dl className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <dt className="text-sm text-slate-500">{item.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{item.value}</dd>
          {item.note && <dd className="mt-1 text-xs text-amber-700">{item.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
