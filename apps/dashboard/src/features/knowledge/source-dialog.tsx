import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { capitalize, formatDateTime } from '../../lib/format';
import { call, useClient } from '../../lib/client';
import { useCan } from '../../lib/workspace';
import { formatBytes, isWorking, KIND_INFO, useRefreshKnowledge, type Source } from './knowledge-api';
import { searchDetail } from './source-search';
import { canSync, useSourceActions } from './source-actions';
import { SourceProgress, SourceStatusBadge } from './source-status';
import { parseInterval, syncOptions } from './sync-interval';

/** One source: what it is and how it is doing; with knowledge.write, rename it, schedule or run a sync, retry, delete. */
export function SourceDialog({
  source,
  onClose,
  onDelete,
}: {
  source: Source | null;
  onClose: () => void;
  onDelete: (source: Source) => void;
}) {
  const can = useCan();
  const write = can('knowledge.write') && source?.kind !== 'qa';
  const client = useClient();
  const refresh = useRefreshKnowledge();
  const notify = useToast();
  const { retry, sync } = useSourceActions();
  // Mounted afresh for each source (keyed by its id): the form starts from that source, and
  // later polls of it leave what is being typed alone.
  const [title, setTitle] = useState(source?.title ?? '');
  const [interval, setSyncInterval] = useState(
    source && source.syncIntervalHours !== null ? String(source.syncIntervalHours) : '',
  );
  const save = useMutation({
    mutationFn: () =>
      call(
        client.PATCH('/api/v1/knowledge/sources/{id}', {
          params: { path: { id: source!.id } },
          body: { title: title.trim(), ...(canSync(source!) && { syncIntervalHours: parseInterval(interval) }) },
        }),
      ),
    onSuccess: ({ source: saved }) => {
      notify(`Saved “${saved.title}”.`);
      void refresh();
      onClose();
    },
  });
  const close = (open: boolean) => {
    if (open) return;
    save.reset();
    onClose();
  };
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  if (!source) return null;

  const facts: Array<[string, string]> = [
    ['Kind', KIND_INFO[source.kind].label],
    ...(source.file
      ? ([
          ['File', `${source.file.name} (${source.file.type.toUpperCase()}, ${formatBytes(source.file.size)})`],
        ] as Array<[string, string]>)
      : []),
    ...(source.url ? ([['Address', source.url]] as Array<[string, string]>) : []),
    ['Passages', `${source.chunkCount.toLocaleString()} (${source.tokenCount.toLocaleString()} tokens)`],
    [
      'Search language',
      source.searchConfig === 'simple' ? 'None (words matched as written)' : capitalize(source.searchConfig),
    ],
    ['Searched', searchDetail(source)],
    ['Added', formatDateTime(source.createdAt)],
    ['Last synced', source.lastSyncedAt ? formatDateTime(source.lastSyncedAt) : 'Not yet'],
    ...(source.nextSyncAt ? ([['Next sync', formatDateTime(source.nextSyncAt)]] as Array<[string, string]>) : []),
  ];

  return (
    <Dialog
      open
      onOpenChange={close}
      title={source.title}
      size="lg"
      description={<SourceStatusBadge source={source} />}
    >
      <SourceProgress source={source} />
      {source.error && <ErrorAlert className="mt-3">{source.error}</ErrorAlert>}
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {write ? (
        <form onSubmit={submit} noValidate className="mt-6 space-y-4 border-t border-slate-200 pt-5">
          <TextField
            label="Title"
            required
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={errors.title}
            hint="Shown in citations and in this list."
          />
          {canSync(source) && (
            <SelectField
              label="Sync automatically"
              value={interval}
              onChange={(e) => setSyncInterval(e.target.value)}
              error={errors.syncIntervalHours}
              hint="Fetch the page or site again on a schedule; unchanged content is not re-processed."
            >
              {syncOptions(source.syncIntervalHours).map(([hours, label]) => (
                <option key={label} value={hours === null ? '' : String(hours)}>
                  {label}
                </option>
              ))}
            </SelectField>
          )}
          {save.isError && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex flex-wrap gap-2">
              {source.status === 'failed' && source.retryable !== false && (
                <Button variant="secondary" pending={retry.isPending} onClick={() => retry.mutate(source)}>
                  Retry
                </Button>
              )}
              {canSync(source) && source.status !== 'failed' && (
                <Button
                  variant="secondary"
                  disabled={isWorking(source)}
                  pending={sync.isPending}
                  onClick={() => sync.mutate(source)}
                >
                  Sync now
                </Button>
              )}
              <Button variant="ghost-danger" onClick={() => onDelete(source)}>
                Delete source
              </Button>
            </div>
            <Button type="submit" pending={save.isPending} disabled={!title.trim()}>
              Save changes
            </Button>
          </div>
        </form>
      ) : (
        <DialogActions>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </DialogActions>
      )}
    </Dialog>
  );
}
