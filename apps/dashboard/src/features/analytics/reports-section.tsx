import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { call, useClient } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useWorkspace, useWorkspaceKey } from '../../lib/workspace';
import { ReportDialog } from './report-dialog';
import { METRIC_LABELS, useReports, useReportSends, type AnalyticsReport } from './reports-api';

const FREQUENCY: Record<AnalyticsReport['frequency'], string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
};

/** Scheduled reports: who gets which numbers how often, "send now", the send log. */
export function ReportsSection() {
  const { permissions } = useWorkspace();
  const manage = can(permissions, 'analytics.manage');
  const reports = useReports();
  const [editing, setEditing] = useState<AnalyticsReport | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="reports-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="reports-heading" className="text-lg font-semibold text-slate-900">
            Reports by mail
          </h2>
          <p className="text-sm text-slate-600">A PDF of these numbers, mailed daily, weekly or monthly.</p>
        </div>
        {manage && <Button onClick={() => setCreating(true)}>Schedule a report</Button>}
      </div>
      {reports.isPending ? (
        <Loading label="Loading reports…" />
      ) : reports.isError ? (
        <ErrorAlert error={reports.error} />
      ) : reports.data.length === 0 ? (
        <EmptyState title="No reports yet">
          <p>Schedule one to mail your team the numbers that matter, without signing in.</p>
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {reports.data.map((r) => (
            <ReportCard key={r.id} report={r} manage={manage} onEdit={() => setEditing(r)} />
          ))}
        </ul>
      )}
      {manage && <ReportDialog report={null} open={creating} onOpenChange={setCreating} />}
      {manage && editing && <ReportDialog report={editing} open onOpenChange={(open) => !open && setEditing(null)} />}
    </section>
  );
}

function ReportCard({ report, manage, onEdit }: { report: AnalyticsReport; manage: boolean; onEdit: () => void }) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [log, setLog] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const path = { params: { path: { id: report.id } } };
  const send = useMutation({
    mutationFn: () => call(client.POST('/api/v1/analytics/reports/{id}/send', path)),
    onSuccess: () => {
      notify('Report queued: see the send log.');
      setLog(true);
      return queryClient.invalidateQueries({ queryKey: key('analytics', 'reports', report.id, 'sends') });
    },
  });
  const subscribed = report.recipients.filter((e) => !report.unsubscribed.includes(e));
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4" aria-label={`Report ${report.name}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{report.name}</p>
          <p className="text-sm text-slate-600">
            {FREQUENCY[report.frequency]} · {report.metrics.map((m) => METRIC_LABELS[m]).join(', ')}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            To {subscribed.join(', ') || 'nobody (everyone unsubscribed)'}
            {report.unsubscribed.length > 0 && ` · unsubscribed: ${report.unsubscribed.join(', ')}`}
            {report.lastSentAt && ` · last sent ${formatDateTime(report.lastSentAt)}`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {report.enabled ? <Badge tone="green">Scheduled</Badge> : <Badge>Paused</Badge>}
          {manage && (
            <Button size="sm" variant="secondary" pending={send.isPending} onClick={() => send.mutate()}>
              Send now
            </Button>
          )}
          <Button size="sm" variant="ghost" aria-expanded={log} onClick={() => setLog(!log)}>
            {log ? 'Hide log' : 'Send log'}
          </Button>
          {manage && (
            <Button size="sm" variant="ghost" onClick={onEdit}>
              Edit
            </Button>
          )}
          {manage && (
            <Button
              size="sm"
              variant="ghost-danger"
              aria-label={`Delete report ${report.name}`}
              onClick={() => setDeleting(true)}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
      {send.isError && <ErrorAlert error={send.error} className="mt-3" />}
      {log && <SendLog id={report.id} />}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete “${report.name}”?`}
        description="Nobody gets it any more, and its send log is deleted. This cannot be undone."
        confirmLabel="Delete report"
        onConfirm={() => {
          setLog(false);
          return call(client.DELETE('/api/v1/analytics/reports/{id}', path));
        }}
        onDone={() => {
          queryClient.removeQueries({ queryKey: key('analytics', 'reports', report.id) });
          notify('Report deleted.');
          void queryClient.invalidateQueries({ queryKey: key('analytics', 'reports'), exact: true });
        }}
      />
    </li>
  );
}

function SendLog({ id }: { id: string }) {
  const sends = useReportSends(id);
  if (sends.isPending) return <Loading label="Loading the send log…" />;
  if (sends.isError) return <ErrorAlert error={sends.error} className="mt-3" />;
  if (sends.data.length === 0) return <p className="mt-3 text-sm text-slate-600">Not sent yet.</p>;
  return (
    <Table label="Send log" className="mt-3">
      <thead>
        <tr>
          <Th>Queued</Th>
          <Th>Period</Th>
          <Th>How</Th>
          <Th>Status</Th>
          <Th>Recipients</Th>
        </tr>
      </thead>
      <TBody>
        {sends.data.map((s) => (
          <tr key={s.id}>
            <Td>{formatDateTime(s.createdAt)}</Td>
            <Td>
              {s.range.from} – {s.range.to}
            </Td>
            <Td>{s.trigger === 'manual' ? 'Send now' : 'Schedule'}</Td>
            <Td>
              {s.status === 'sent' ? (
                <Badge tone="green">Sent</Badge>
              ) : s.status === 'failed' ? (
                <Badge tone="red">Failed{s.error ? `: ${s.error}` : ''}</Badge>
              ) : (
                <Badge>Queued</Badge>
              )}
            </Td>
            <Td>{s.recipients.join(', ') || '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
