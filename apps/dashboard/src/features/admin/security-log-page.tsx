import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { SelectField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { SECURITY_KINDS, type SecurityEvent } from './admin-api';

const PAGE = 50;

export function SecurityLogPage() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const log = useInfiniteQuery({
    queryKey: ['admin', 'security-log', kind],
    queryFn: ({ pageParam }) =>
      api<{ events: SecurityEvent[]; nextCursor: string | null }>(
        `/api/admin/security-log?${new URLSearchParams({ limit: String(PAGE), ...(kind && { kind }), ...(pageParam && { cursor: pageParam }) })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <>
      <PageHeader
        title="Security log"
        description="Failed sign-ins, lockouts, rate limits, probes of other workspaces and impersonations, across the installation."
      />
      <div className="mb-6 max-w-xs">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setParams(e.target.value ? { kind: e.target.value } : {})}
        >
          <option value="">All kinds</option>
          {Object.entries(SECURITY_KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      {log.isPending ? (
        <Loading label="Loading the security log…" />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : events.length === 0 ? (
        <EmptyState title="No events">
          <p>{kind ? 'Nothing of this kind has been recorded.' : 'Nothing has been recorded yet.'}</p>
        </EmptyState>
      ) : (
        <>
          <Table label="Security events">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Event</Th>
                <Th>Who</Th>
                <Th>IP</Th>
                <Th>Workspace</Th>
                <Th>Detail</Th>
              </tr>
            </thead>
            <TBody>
              {events.map((event) => (
                <tr key={event.id}>
                  <Td className="whitespace-nowrap">{formatDateTime(event.createdAt)}</Td>
                  <Td>
                    <Badge
                      tone={
                        event.kind === 'impersonation_started'
                          ? 'indigo'
                          : event.kind === 'login_failed'
                            ? 'gray'
                            : 'amber'
                      }
                    >
                      {SECURITY_KINDS[event.kind] ?? event.kind}
                    </Badge>
                  </Td>
                  <Td>
                    {event.email ?? '—'}
                    {event.userId && <div className="font-mono text-xs text-slate-500">{event.userId}</div>}
                  </Td>
                  <Td className="font-mono text-xs">{event.ip ?? '—'}</Td>
                  <Td className="font-mono text-xs">{event.workspaceId ?? '—'}</Td>
                  <Td className="max-w-xs break-all font-mono text-xs">
                    {Object.keys(event.detail).length ? JSON.stringify(event.detail) : '—'}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <div className="mt-4">
            {log.hasNextPage ? (
              <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Load more
              </Button>
            ) : (
              <p className="text-sm text-slate-500">That’s everything.</p>
            )}
          </div>
        </>
      )}
    </>
  );
}
