import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Loading } from '../../components/spinner';
import { can } from '../../lib/permissions';
import { useWorkspace } from '../../lib/workspace';
import { useAnalyticsSummary } from './analytics-api';
import { addDays, localToday } from './analytics-format';
import { summaryTiles } from './summary-tiles';
import { Tiles } from './tiles';

/** An agent's page, Analytics tab: the workspace summary of the last 30 days, this agent's conversations only. */
export function AgentAnalyticsTab() {
  const { agentId = '' } = useParams();
  const { workspace, permissions } = useWorkspace();
  const to = localToday();
  const filters = { from: addDays(to, -29), to, agentId };
  const summary = useAnalyticsSummary(filters);
  const inbox = (status: string) =>
    can(permissions, 'conversations.read')
      ? `/w/${workspace.id}/inbox?status=${status}&agent=${encodeURIComponent(agentId)}`
      : undefined;
  return (
    <section aria-labelledby="agent-analytics-heading" className="space-y-4">
      <div>
        <h2 id="agent-analytics-heading" className="text-lg font-semibold text-slate-900">
          Last 30 days
        </h2>
      </div>
      {summary.isPending ? (
        <Loading label="Loading analytics…" />
      ) : summary.isError ? (
        <ErrorAlert error={summary.error} />
      ) : (
        <>
          <Tiles tiles={summaryTiles(summary.data.current, summary.data.previous, inbox)} />
          <p className="text-xs text-slate-500">
            Compared with {summary.data.previousRange.from} to {summary.data.previousRange.to} ({summary.data.timeZone}
            ).
          </p>
        </>
      )}
    </section>
  );
}
