import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { can } from '../../lib/permissions';
import { useWorkspace } from '../../lib/workspace';
import { useAgents } from '../agents/agents-api';
import { useAnalyticsSummary, type AnalyticsFilters } from './analytics-api';
import { addDays, localToday } from './analytics-format';
import { Breakdowns } from './breakdowns';
import { ReportsSection } from './reports-section';
import { summaryTiles } from './summary-tiles';
import { Tiles } from './tiles';

const PRESETS = [7, 30, 90] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function useFilters(): [AnalyticsFilters, (next: Partial<AnalyticsFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const to = DATE.test(params.get('to') ?? '') ? params.get('to')! : localToday();
  const from = DATE.test(params.get('from') ?? '') ? params.get('from')! : addDays(to, -29);
  const filters = { from, to, agentId: params.get('agent') ?? '' };
  const set = (next: Partial<AnalyticsFilters>) => {
    const merged = { ...filters, ...next };
    const out = new URLSearchParams({ from: merged.from, to: merged.to });
    if (merged.agentId) out.set('agent', merged.agentId);
    setParams(out, { replace: true });
  };
  return [filters, set];
}

export function AnalyticsPage() {
  const { workspace, permissions } = useWorkspace();
  const [filters, setFilters] = useFilters();
  const agents = useAgents();
  const summary = useAnalyticsSummary(filters);
  const days = Math.round((Date.parse(filters.to) - Date.parse(filters.from)) / 86_400_000) + 1;
  const preset = PRESETS.find((n) => n === days && filters.to === localToday());
  // The inbox filters by status and agent (not by date): a drill-down opens those conversations.
  const inbox = (status: string) =>
    can(permissions, 'conversations.read')
      ? `/w/${workspace.id}/inbox?status=${status}${filters.agentId ? `&agent=${encodeURIComponent(filters.agentId)}` : ''}`
      : undefined;
  return (
    <>
      <PageHeader
        title="Analytics"
        description="How your customer service is doing: what the bot resolves, where it hands off, how fast your team answers and what visitors think. Days are counted in your workspace’s time zone."
      />
      <form className="mb-6 flex flex-wrap items-end gap-3" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Period"
          fieldClassName="w-44"
          value={preset ?? 'custom'}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (n) setFilters({ to: localToday(), from: addDays(localToday(), -(n - 1)) });
          }}
        >
          {PRESETS.map((n) => (
            <option key={n} value={n}>
              Last {n} days
            </option>
          ))}
          <option value="custom">Custom</option>
        </SelectField>
        <TextField
          label="From"
          type="date"
          fieldClassName="w-44"
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.target.value && setFilters({ from: e.target.value })}
        />
        <TextField
          label="To"
          type="date"
          fieldClassName="w-44"
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.target.value && setFilters({ to: e.target.value })}
        />
        <SelectField
          label="Agent"
          fieldClassName="w-56"
          value={filters.agentId}
          onChange={(e) => setFilters({ agentId: e.target.value })}
        >
          <option value="">All agents</option>
          {agents.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      </form>
      {summary.isPending ? (
        <Loading label="Loading analytics…" />
      ) : summary.isError ? (
        <ErrorAlert error={summary.error} />
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="numbers-heading">
            <h2 id="numbers-heading" className="sr-only">
              Numbers
            </h2>
            <Tiles tiles={summaryTiles(summary.data.current, summary.data.previous, inbox)} />
            <p className="mt-2 text-xs text-slate-500">
              Compared with {summary.data.previousRange.from} to {summary.data.previousRange.to} (
              {summary.data.timeZone}).
            </p>
          </section>
          <Breakdowns filters={filters} days={days} csat={summary.data.current.csat} />
        </div>
      )}
      <div className="mt-10">
        <ReportsSection />
      </div>
    </>
  );
}
