import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/alert';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { Loading } from '../../../components/spinner';
import { Table, TBody, Td, Th } from '../../../components/table';
import { useToast } from '../../../components/toast';
import { formatDateTime } from '../../../lib/format';
import { call, useClient } from '../../../lib/client';
import { useWorkspaceKey } from '../../../lib/workspace';
import { useVersions, type Agent } from '../agents-api';
import { useDraft } from '../editor/draft-editor';
import { CompareVersions } from './compare-versions';
import { useAuthorName } from './use-config-names';
import { VersionDialog } from './version-dialog';

/** Published versions: which is live, each one's frozen configuration, diffs and rollback. */
export function VersionsTab() {
  const { agent, canWrite } = useDraft();
  const versions = useVersions(agent.id);
  const authorName = useAuthorName();
  const [params, setParams] = useSearchParams();
  const viewing = Number(params.get('view')) || null;
  const [rollingBack, setRollingBack] = useState<number | null>(null);
  const setView = (version: number | null) => {
    const next = new URLSearchParams(params);
    if (version) next.set('view', String(version));
    else next.delete('view');
    setParams(next, { replace: true });
  };

  if (versions.isPending) return <Loading label="Loading versions…" />;
  if (versions.isError) return <ErrorAlert error={versions.error} />;
  if (versions.data.length === 0)
    return <EmptyState title="No versions yet">Publishing the draft creates version 1.</EmptyState>;
  return (
    <div className="space-y-8">
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-3 text-lg font-semibold">
          Versions
        </h2>
        <Table label="Versions">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Note</Th>
              <Th>Published by</Th>
              <Th>Published</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <TBody>
            {versions.data.map((v) => (
              <tr key={v.version} className={v.live ? 'bg-emerald-50/40' : undefined}>
                <Td className="whitespace-nowrap font-medium text-slate-900">
                  Version {v.version} {v.live && <Badge tone="green">Live</Badge>}
                </Td>
                <Td className="max-w-xs break-words">{v.note ?? <span className="text-slate-400">No note</span>}</Td>
                <Td className="whitespace-nowrap">{authorName(v.createdBy)}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(v.createdAt)}</Td>
                <Td className="whitespace-nowrap text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`View version ${v.version}`}
                    onClick={() => setView(v.version)}
                  >
                    View
                  </Button>
                  {canWrite && !v.live && (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Roll back to version ${v.version}`}
                      onClick={() => setRollingBack(v.version)}
                    >
                      Roll back
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
      <CompareVersions versions={versions.data} />
      {viewing && (
        <VersionDialog
          version={viewing}
          live={agent.publishedVersion === viewing}
          onClose={() => setView(null)}
          onRollback={
            canWrite && agent.publishedVersion !== viewing
              ? () => {
                  setView(null);
                  setRollingBack(viewing);
                }
              : undefined
          }
        />
      )}
      {rollingBack !== null && (
        <RollbackDialog agent={agent} version={rollingBack} onClose={() => setRollingBack(null)} />
      )}
    </div>
  );
}

function RollbackDialog({ agent, version, onClose }: { agent: Agent; version: number; onClose: () => void }) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { dirty, adopt } = useDraft();
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Roll back to version ${version}?`}
      description={`Version ${version} becomes live at once for new conversations, and the draft becomes a copy of it${agent.hasUnpublishedChanges || dirty ? ', replacing the draft’s changes that were not published' : ''}. No version is deleted.`}
      confirmLabel={`Roll back to version ${version}`}
      onConfirm={() =>
        call(
          client.POST('/api/v1/agents/{id}/rollback', { params: { path: { id: agent.id } }, body: { version } }),
        ).then((r) => {
          adopt(r.agent.draft);
          queryClient.setQueryData(key('agents', agent.id), r.agent);
          void queryClient.invalidateQueries({ queryKey: key('agents', agent.id, 'versions'), exact: true });
          void queryClient.invalidateQueries({ queryKey: key('agents'), exact: true });
        })
      }
      onDone={() => notify(`Version ${version} is live again.`)}
    />
  );
}
