import { Badge, type BadgeTone } from '../../components/badge';
import { ProgressBar } from '../../components/progress-bar';
import { isWorking, STAGE_LABELS, type Source } from './knowledge-api';

const STATUS: Record<Source['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'Queued', tone: 'amber' },
  processing: { label: 'Processing', tone: 'indigo' },
  ready: { label: 'Ready', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
};

export function SourceStatusBadge({ source }: { source: Source }) {
  const status = STATUS[source.status];
  // A ready source that is syncing stays searchable: say both.
  const label = source.status === 'ready' && source.stage ? 'Ready · syncing' : status.label;
  return <Badge tone={status.tone}>{label}</Badge>;
}

/** The live bar with the stage while the pipeline works on a source. */
export function SourceProgress({ source }: { source: Source }) {
  if (!isWorking(source)) return null;
  const stage = source.stage
    ? (STAGE_LABELS[source.stage] ?? source.stage)
    : source.status === 'pending'
      ? 'Waiting to start'
      : 'Working';
  return (
    <div className="mt-3">
      <div className="mb-1 flex justify-between text-xs text-slate-600">
        <span>{stage}…</span>
        <span aria-hidden="true">{source.progress}%</span>
      </div>
      <ProgressBar value={source.progress} label={`${source.title}: ${stage}, ${source.progress}%`} />
    </div>
  );
}
