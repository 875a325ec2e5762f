import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { capitalize, formatDate, formatDateTime } from '../../lib/format';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { useMemberNames } from '../team/team-api';
import { useApiKeys, type ApiKey } from './api-keys-api';
import { CreateKeyDialog } from './create-key-dialog';

export function ApiKeysPage() {
  const keys = useApiKeys();
  const nameOf = useMemberNames();
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let your own systems call the API for this workspace. Send one as{' '}
            <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;key&gt;</code>; the{' '}
            <a className="font-medium text-indigo-700 underline" href="/api/docs">
              API reference
            </a>{' '}
            lists what each scope allows.
          </>
        }
        actions={<Button onClick={() => setCreating(true)}>Create API key</Button>}
      />
      {keys.isPending ? (
        <Loading label="Loading API keys…" />
      ) : keys.isError ? (
        <ErrorAlert error={keys.error} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>
            Create one when a system of yours needs to read or act on this workspace. Its secret is shown once, when you
            create it.
          </p>
        </EmptyState>
      ) : (
        <Table label="API keys">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Scopes</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {keys.data.map((apiKey) => (
              <tr key={apiKey.id} className={apiKey.revokedAt ? 'opacity-60' : undefined}>
                <Td className="font-medium text-slate-900">{apiKey.name}</Td>
                <Td>
                  <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                    {apiKey.displayPrefix}…
                  </code>
                </Td>
                <Td>{apiKey.scopes.map(capitalize).join(', ')}</Td>
                <Td className="whitespace-nowrap">
                  {formatDate(apiKey.createdAt)}
                  <div className="text-xs text-slate-500">by {apiKey.createdByName ?? nameOf(apiKey.createdBy)}</div>
                </Td>
                <Td className="whitespace-nowrap">{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</Td>
                <Td>
                  {apiKey.revokedAt ? (
                    <Badge tone="red">Revoked {formatDate(apiKey.revokedAt)}</Badge>
                  ) : (
                    <Badge tone="green">Active</Badge>
                  )}
                </Td>
                <Td className="text-right">
                  {!apiKey.revokedAt && (
                    <Button
                      variant="ghost-danger"
                      size="sm"
                      aria-label={`Revoke key ${apiKey.name}`}
                      onClick={() => setRevoking(apiKey)}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      <CreateKeyDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Anything using this key stops working at once. This cannot be undone."
        confirmLabel="Revoke key"
        onConfirm={() => workspaceApi(`/api/v1/api-keys/${encodeURIComponent(revoking!.id)}`, { method: 'DELETE' })}
        onDone={() => {
          notify(`Key “${revoking?.name ?? ''}” revoked.`);
          void queryClient.invalidateQueries({ queryKey: key('api-keys') });
        }}
      />
    </>
  );
}
