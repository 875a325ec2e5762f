import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { formatDateTime, humanizeAction } from '../../lib/format';
import { useMembers } from '../team/team-api';
import { TARGET_TYPES, useAuditLog, type AuditEntry, type AuditFilters as Filters } from './audit-api';
import { AuditDiff } from './audit-diff';
import { AuditFilters } from './audit-filters';

const FILTER_NAMES = ['action', 'actorId', 'targetType', 'targetId', 'from', 'to'] as const;

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, params.get(name) ?? undefined]).filter(([, v]) => v),
  );
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  const apply = (next: Filters) =>
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as Record<string, string>);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in this workspace: who, what, when and from where. Entries are kept even after the workspace is deleted."
      />
      <AuditFilters key={params.toString()} value={filters} onChange={apply} />
      {log.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : entries.length === 0 ? (
        <EmptyState title="No entries">
          {Object.keys(filters).length ? (
            <p>Nothing matches these filters.</p>
          ) : (
            <p>Changes will be listed here as they happen.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <Table label="Audit log entries">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Who</Th>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
              </tr>
            </thead>
            <TBody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </TBody>
          </Table>
          <div className="mt-4 flex items-center gap-4">
            {log.hasNextPage ? (
              <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Load more
              </Button>
            ) : (
              <p className="text-sm text-slate-500">That’s everything.</p>
            )}
            <p className="text-sm text-slate-500" role="status">
              {entries.length} entr{entries.length === 1 ? 'y' : 'ies'} shown
            </p>
          </div>
        </>
      )}
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const members = useMembers();
  const person =
    entry.targetType === 'member' || entry.targetType === 'user'
      ? members.data?.find((m) => m.userId === entry.targetId)
      : undefined;
  const detailsId = `audit-${entry.id}`;
  return (
    <Fragment>
      <tr className={entry.impersonatorId ? 'bg-amber-50/60' : undefined}>
        <Td className="whitespace-nowrap">{formatDateTime(entry.createdAt)}</Td>
        <Td>
          <div className="font-medium text-slate-900">{entry.actorLabel}</div>
          <div className="text-xs text-slate-500">
            {entry.actorType === 'user'
              ? 'Member'
              : entry.actorType === 'platformAdmin'
                ? 'Platform administrator'
                : entry.actorType === 'apiKey'
                  ? 'API key'
                  : entry.actorType}
          </div>
          {entry.impersonatorId && (
            <Badge tone="amber" className="mt-1">
              Impersonated by a platform administrator
            </Badge>
          )}
        </Td>
        <Td>
          <code className="text-xs text-slate-500">{entry.action}</code>
          <div>{humanizeAction(entry.action)}</div>
        </Td>
        <Td>
          {entry.targetType ? (TARGET_TYPES[entry.targetType] ?? entry.targetType) : '—'}
          {person && <span className="text-slate-900">: {person.name || person.email}</span>}
          {entry.targetId && <div className="break-all font-mono text-xs text-slate-500">{entry.targetId}</div>}
        </Td>
        <Td className="text-right">
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide details' : 'Show details'}
          </Button>
        </Td>
      </tr>
      {open && (
        <tr id={detailsId} className="bg-slate-50">
          <td colSpan={5} className="px-4 py-4">
            <AuditDiff before={entry.before} after={entry.after} />
            <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500">
              <div>
                <dt className="inline">IP: </dt>
                <dd className="inline font-mono">{entry.ip ?? '—'}</dd>
              </div>
              <div>
                <dt className="inline">Request: </dt>
                <dd className="inline font-mono">{entry.requestId ?? '—'}</dd>
              </div>
              {entry.impersonatorId && (
                <div>
                  <dt className="inline">Administrator: </dt>
                  <dd className="inline font-mono">{entry.impersonatorId}</dd>
                </div>
              )}
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
