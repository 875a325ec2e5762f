import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { PageHeader, Section } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { formatDateTime } from '../../lib/format';
import { useCan, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { PROVIDER_LABELS, PROVIDERS } from '../agents/agents-api';
import { AddKeyDialog, EditKeyDialog } from './key-dialogs';
import { providerKeyPath, useProviderKeys, type ProviderKey, type TestResult } from './models-api';

/** The platform's models and the workspace's own provider keys (masked), with a connection test. */
export function ModelsPage() {
  const keys = useProviderKeys();
  const canManage = useCan()('workspace.update');
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ProviderKey | null>(null);
  const [deleting, setDeleting] = useState<ProviderKey | null>(null);

  return (
    <>
      <PageHeader
        title="Models"
        description="The language models your agents can use: the platform’s, and your workspace’s own provider keys. Each agent chooses its model and key."
        actions={
          canManage && keys.data && keys.data.keys.length > 0 ? (
            <Button onClick={() => setAdding(true)}>Add key</Button>
          ) : undefined
        }
      />
      {keys.isPending ? (
        <Loading label="Loading models…" />
      ) : keys.isError ? (
        <ErrorAlert error={keys.error} />
      ) : (
        <div className="space-y-8">
          <Section
            title="Platform models"
            description="Provided by this installation; agents use them when they choose “Platform key”."
          >
            <ul className="flex flex-wrap gap-2" aria-label="Platform providers">
              {PROVIDERS.map((p) => {
                const on = keys.data.platform.providers.includes(p);
                return (
                  <li key={p}>
                    <Badge tone={on ? 'green' : 'gray'}>
                      {PROVIDER_LABELS[p]}: {on ? 'available' : 'not configured'}
                    </Badge>
                  </li>
                );
              })}
            </ul>
            <p className="mt-3 text-sm text-slate-600">
              {keys.data.platform.defaultModel ? (
                <>
                  New agents start with{' '}
                  <code className="rounded bg-slate-100 px-1">{keys.data.platform.defaultModel}</code>.
                </>
              ) : (
                'No platform model is configured: new agents answer from your knowledge, without a model, until you give them one.'
              )}
            </p>
          </Section>
          <section aria-labelledby="keys-heading">
            <h2 id="keys-heading" className="mb-3 text-lg font-semibold">
              Your keys
            </h2>
            {keys.data.keys.length === 0 ? (
              <EmptyState
                title="No keys of your own"
                action={canManage ? <Button onClick={() => setAdding(true)}>Add key</Button> : undefined}
              >
                <p>
                  Add an OpenAI, Anthropic or Google key, or the address of your own OpenAI-compatible server (Ollama,
                  vLLM, LM Studio, OpenRouter), to use it in your agents.
                </p>
              </EmptyState>
            ) : (
              <Table label="Provider keys">
                <thead>
                  <tr>
                    <Th>Label</Th>
                    <Th>Provider</Th>
                    <Th>Key</Th>
                    <Th>Last test</Th>
                    {canManage && (
                      <Th>
                        <span className="sr-only">Actions</span>
                      </Th>
                    )}
                  </tr>
                </thead>
                <TBody>
                  {keys.data.keys.map((k) => (
                    <KeyRow
                      key={k.id}
                      item={k}
                      canManage={canManage}
                      onEdit={() => setEditing(k)}
                      onDelete={() => setDeleting(k)}
                    />
                  ))}
                </TBody>
              </Table>
            )}
          </section>
        </div>
      )}
      {canManage && <AddKeyDialog open={adding} onOpenChange={setAdding} />}
      {editing && <EditKeyDialog target={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete “${deleting?.label ?? ''}”?`}
        description="The key is erased. Agents still using it must be moved to another key first; you will be told which."
        confirmLabel="Delete key"
        onConfirm={() => workspaceApi(providerKeyPath(deleting!.id), { method: 'DELETE' })}
        onDone={() => {
          notify(`Key “${deleting?.label ?? ''}” deleted.`);
          void queryClient.invalidateQueries({ queryKey: key('provider-keys') });
        }}
      />
    </>
  );
}

function KeyRow({
  item,
  canManage,
  onEdit,
  onDelete,
}: {
  item: ProviderKey;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: () => workspaceApi<TestResult>(`${providerKeyPath(item.id)}/test`, { method: 'POST', json: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key('provider-keys') }),
  });
  return (
    <tr>
      <Td className="font-medium text-slate-900">{item.label}</Td>
      <Td>
        {PROVIDER_LABELS[item.provider]}
        {item.baseUrl && (
          <div className="max-w-[16rem] truncate text-xs text-slate-500" title={item.baseUrl}>
            {item.baseUrl}
          </div>
        )}
      </Td>
      <Td>
        <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs">
          {item.keyPreview ?? 'no key'}
        </code>
      </Td>
      <Td className="min-w-[12rem]">
        <div role="status" aria-live="polite">
          {test.isPending ? (
            <span className="text-slate-500">Testing…</span>
          ) : test.data ? (
            <TestLine
              ok={test.data.ok}
              message={`${test.data.message}${test.data.ok ? ` (${test.data.latencyMs} ms)` : ''}`}
            />
          ) : test.error ? (
            <TestLine ok={false} message={test.error instanceof Error ? test.error.message : 'The test failed.'} />
          ) : item.lastTestedAt ? (
            <TestLine ok={Boolean(item.lastTestOk)} message={item.lastTestMessage ?? ''} when={item.lastTestedAt} />
          ) : (
            <span className="text-slate-500">Not tested</span>
          )}
        </div>
      </Td>
      {canManage && (
        <Td className="whitespace-nowrap text-right">
          <Button
            variant="secondary"
            size="sm"
            pending={test.isPending}
            onClick={() => test.mutate()}
            aria-label={`Test connection with ${item.label}`}
          >
            Test connection
          </Button>
          <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${item.label}`}>
            Edit
          </Button>
          <Button variant="ghost-danger" size="sm" onClick={onDelete} aria-label={`Delete ${item.label}`}>
            Delete
          </Button>
        </Td>
      )}
    </tr>
  );
}

function TestLine({ ok, message, when }: { ok: boolean; message: string; when?: string }) {
  return (
    <span className="text-sm">
      <Badge tone={ok ? 'green' : 'red'}>{ok ? 'Passed' : 'Failed'}</Badge>{' '}
      <span className="text-slate-700">{message}</span>
      {when && <span className="block text-xs text-slate-500">{formatDateTime(when)}</span>}
    </span>
  );
}
