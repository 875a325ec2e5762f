import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { Badge, statusTone } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { api, post } from '../../lib/api';
import { capitalize, formatDate } from '../../lib/format';
import type { TenantMember, TenantRow } from './admin-api';
import { SuspendDialog } from './suspend-dialog';
import { TenantMembers } from './tenant-members';
import { WorkspacePlan } from './workspace-plan';

export function TenantDetailPage() {
  const { tenantId = '' } = useParams();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [suspending, setSuspending] = useState(false);
  const [reinstating, setReinstating] = useState(false);
  const detail = useQuery({
    queryKey: ['admin', 'tenant', tenantId],
    queryFn: () =>
      api<{ tenant: TenantRow; members: TenantMember[] }>(`/api/admin/tenants/${encodeURIComponent(tenantId)}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin'] });

  if (detail.isPending) return <Loading label="Loading the workspace…" />;
  if (detail.isError) {
    return (
      <>
        <PageHeader title="Workspace" />
        <ErrorAlert error={detail.error} />
      </>
    );
  }
  const { tenant, members } = detail.data;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link className="text-indigo-700 underline-offset-2 hover:underline" to="/admin">
          ← All workspaces
        </Link>
      </p>
      <PageHeader
        title={tenant.name}
        description={<Badge tone={statusTone(tenant.status)}>{capitalize(tenant.status)}</Badge>}
        actions={
          <>
            {tenant.status === 'active' && (
              <Button variant="danger" onClick={() => setSuspending(true)}>
                Suspend workspace
              </Button>
            )}
            {tenant.status === 'suspended' && <Button onClick={() => setReinstating(true)}>Reinstate workspace</Button>}
          </>
        }
      />
      {tenant.status === 'suspended' && (
        <Notice tone="warning" title="Suspended" className="mb-6">
          Reason: {tenant.suspendedReason || 'none given'}. Its API, widget and dashboard answer “suspended” until it is
          reinstated.
        </Notice>
      )}
      <dl className="mb-8 grid gap-4 rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-3 lg:grid-cols-6">
        {[
          [
            'ID',
            <code key="id" className="break-all text-xs">
              {tenant.id}
            </code>,
          ],
          ['Slug', tenant.slug],
          ['Plan', capitalize(tenant.plan)],
          ['Created', formatDate(tenant.createdAt)],
          ['Members', tenant.members],
          ['Active API keys', tenant.apiKeys],
        ].map(([label, value]) => (
          <div key={String(label)}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="mt-1 font-medium text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <WorkspacePlan key={tenant.plan} tenantId={tenant.id} current={tenant.plan} onDone={() => void refresh()} />
      <TenantMembers members={members} />
      <SuspendDialog tenant={tenant} open={suspending} onOpenChange={setSuspending} onDone={() => void refresh()} />
      <ConfirmDialog
        open={reinstating}
        onOpenChange={setReinstating}
        title={`Reinstate ${tenant.name}?`}
        description="Its members, API keys and widget work again at once."
        confirmLabel="Reinstate workspace"
        destructive={false}
        onConfirm={() => post(`/api/admin/tenants/${encodeURIComponent(tenant.id)}/unsuspend`, {})}
        onDone={() => {
          notify(`${tenant.name} is active again.`);
          void refresh();
        }}
      />
    </>
  );
}
