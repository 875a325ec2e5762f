import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Badge, statusTone } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { SelectField, TextField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { api } from '../../lib/api';
import { capitalize, formatDate } from '../../lib/format';
import { TENANT_STATUSES, type TenantRow } from './admin-api';

const PAGE = 25;

export function TenantsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [search, setSearch] = useState(q);
  const tenants = useQuery({
    queryKey: ['admin', 'tenants', q, status, offset],
    queryFn: () =>
      api<{ tenants: TenantRow[]; total: number }>(
        `/api/admin/tenants?${new URLSearchParams({ ...(q && { q }), ...(status && { status }), limit: String(PAGE), offset: String(offset) })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const update = (next: Record<string, string>) => {
    const merged = { q, status, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v && v !== '0')));
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim(), offset: '' });
  };
  const total = tenants.data?.total ?? 0;

  return (
    <>
      <PageHeader title="Workspaces" description="Every workspace on this installation, with its usage." />
      <form onSubmit={onSearch} role="search" className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          fieldClassName="flex-1"
          label="Search workspaces"
          placeholder="Name, slug or ID"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <SelectField
          fieldClassName="sm:w-48"
          label="Status"
          value={status}
          onChange={(e) => update({ status: e.target.value, offset: '' })}
        >
          <option value="">All statuses</option>
          {TENANT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {capitalize(s)}
            </option>
          ))}
        </SelectField>
        <Button type="submit">Search</Button>
      </form>
      {tenants.isPending ? (
        <Loading label="Loading workspaces…" />
      ) : tenants.isError ? (
        <ErrorAlert error={tenants.error} />
      ) : tenants.data.tenants.length === 0 ? (
        <EmptyState title="No workspaces match">
          {q || status ? <p>Try another search or status.</p> : <p>Nobody has created a workspace yet.</p>}
        </EmptyState>
      ) : (
        <>
          <Table label="Workspaces">
            <thead>
              <tr>
                <Th>Workspace</Th>
                <Th>Status</Th>
                <Th>Plan</Th>
                <Th className="text-right">Members</Th>
                <Th className="text-right">API keys</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <TBody>
              {tenants.data.tenants.map((tenant) => (
                <tr key={tenant.id}>
                  <Td>
                    <Link
                      className="font-medium text-indigo-700 underline-offset-2 hover:underline"
                      to={`/admin/tenants/${tenant.id}`}
                    >
                      {tenant.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{tenant.slug}</div>
                  </Td>
                  <Td>
                    <Badge tone={statusTone(tenant.status)}>{capitalize(tenant.status)}</Badge>
                  </Td>
                  <Td>{capitalize(tenant.plan)}</Td>
                  <Td className="text-right tabular-nums">{tenant.members}</Td>
                  <Td className="text-right tabular-nums">{tenant.apiKeys}</Td>
                  <Td className="whitespace-nowrap">{formatDate(tenant.createdAt)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm">
            <p className="text-slate-600" role="status">
              {offset + 1}–{offset + tenants.data.tenants.length} of {total}
            </p>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                disabled={offset === 0}
                onClick={() => update({ offset: String(Math.max(0, offset - PAGE)) })}
              >
                Previous page
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={offset + PAGE >= total}
                onClick={() => update({ offset: String(offset + PAGE) })}
              >
                Next page
              </Button>
            </div>
          </nav>
        </>
      )}
    </>
  );
}
