import { Button } from '../../components/button';
import { Icon } from '../../components/icons';
import { formatRelative } from '../../lib/format';
import { useCan } from '../../lib/workspace';
import { formatBytes, isWorking, KIND_INFO, type Source } from './knowledge-api';
import { canSync, useSourceActions } from './source-actions';
import { searchNote } from './source-search';
import { SourceProgress, SourceStatusBadge } from './source-status';

/** What a source is, in one line: kind, where from, size, passages, last sync. */
export function sourceFacts(source: Source): string[] {
  const facts: string[] = [KIND_INFO[source.kind].label];
  if (source.file) facts.push(source.file.name, formatBytes(source.file.size));
  else if (source.url) facts.push(source.url);
  if (source.chunkCount)
    facts.push(
      `${source.chunkCount.toLocaleString()} passage${source.chunkCount === 1 ? '' : 's'}`,
      `${source.tokenCount.toLocaleString()} tokens`,
    );
  if (source.lastSyncedAt) facts.push(`synced ${formatRelative(source.lastSyncedAt)}`);
  if (source.syncIntervalHours)
    facts.push(
      `every ${source.syncIntervalHours === 24 ? 'day' : source.syncIntervalHours === 168 ? 'week' : `${source.syncIntervalHours} h`}`,
    );
  return facts;
}

export function SourceRow({ source, onOpen, onDelete }: { source: Source; onOpen: () => void; onDelete: () => void }) {
  const can = useCan();
  const { retry, sync } = useSourceActions();
  const write = can('knowledge.write');
  const kind = KIND_INFO[source.kind];
  return (
    <li className="p-4" aria-label={source.title}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex min-w-0 flex-1 gap-3">
          <span
            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-700"
            title={kind.label}
          >
            <Icon name={kind.icon} className="h-5 w-5" />
          </span>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <button
                type="button"
                onClick={onOpen}
                className="truncate text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {source.title}
              </button>
              <SourceStatusBadge source={source} />
            </div>
            <p className="mt-0.5 break-words text-xs text-slate-500 sm:truncate">{sourceFacts(source).join(' · ')}</p>
            {searchNote(source) && (
              <p className="mt-0.5 text-xs text-amber-700" data-testid="source-search">
                {searchNote(source)}
              </p>
            )}
            {source.error && (
              <p className="mt-1.5 text-sm text-red-700" data-testid="source-error">
                {source.error}
              </p>
            )}
          </div>
        </div>
        {write && source.kind !== 'qa' && (
          <div className="flex shrink-0 flex-wrap gap-1 pl-12 sm:pl-0">
            {source.status === 'failed' && source.retryable !== false && (
              <Button
                variant="secondary"
                size="sm"
                pending={retry.isPending}
                onClick={() => retry.mutate(source)}
                aria-label={`Retry ${source.title}`}
              >
                Retry
              </Button>
            )}
            {canSync(source) && source.status !== 'failed' && (
              <Button
                variant="ghost"
                size="sm"
                disabled={isWorking(source)}
                pending={sync.isPending}
                onClick={() => sync.mutate(source)}
                aria-label={`Sync ${source.title} now`}
              >
                <Icon name="refresh" className="h-4 w-4" />
                Sync now
              </Button>
            )}
            <Button variant="ghost" size="sm" onClick={onOpen} aria-label={`Edit ${source.title}`}>
              <Icon name="pencil" className="h-4 w-4" />
              Edit
            </Button>
            <Button variant="ghost-danger" size="sm" onClick={onDelete} aria-label={`Delete ${source.title}`}>
              <Icon name="trash" className="h-4 w-4" />
              Delete
            </Button>
          </div>
        )}
      </div>
      <div className="sm:pl-12">
        <SourceProgress source={source} />
      </div>
    </li>
  );
}
