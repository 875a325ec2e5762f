import { ErrorAlert } from '../../../components/alert';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Dialog, DialogActions } from '../../../components/dialog';
import { Loading } from '../../../components/spinner';
import { formatDateTime } from '../../../lib/format';
import { useVersion } from '../agents-api';
import { useDraft } from '../editor/draft-editor';
import { configFields } from './config-fields';
import { useConfigNames } from './use-config-names';

/** One version's frozen configuration, read-only. */
export function VersionDialog({
  version,
  live,
  onClose,
  onRollback,
}: {
  version: number;
  live: boolean;
  onClose: () => void;
  onRollback: (() => void) | undefined;
}) {
  const { agent } = useDraft();
  const detail = useVersion(agent.id, version);
  const names = useConfigNames();
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      size="lg"
      title={
        <>
          Version {version} {live && <Badge tone="green">Live</Badge>}
        </>
      }
      description={
        detail.data
          ? `Published ${formatDateTime(detail.data.createdAt)}${detail.data.note ? ` · ${detail.data.note}` : ''}`
          : undefined
      }
    >
      {detail.isPending ? (
        <Loading />
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} />
      ) : (
        <dl className="divide-y divide-slate-100 text-sm">
          {configFields(detail.data.config, names).map((field) => (
            <div key={field.key} className="grid gap-1 py-2 sm:grid-cols-[11rem_1fr]">
              <dt className="font-medium text-slate-800">{field.label}</dt>
              <dd className="whitespace-pre-wrap break-words text-slate-700">
                {field.value || <span className="text-slate-400">(empty)</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
        {onRollback && <Button onClick={onRollback}>Roll back to this version…</Button>}
      </DialogActions>
    </Dialog>
  );
}
