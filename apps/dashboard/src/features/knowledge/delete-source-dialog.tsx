import { ConfirmDialog } from '../../components/confirm-dialog';
import { useToast } from '../../components/toast';
import { call, useClient } from '../../lib/client';
import { useRefreshKnowledge, type Source } from './knowledge-api';

export function DeleteSourceDialog({
  source,
  onClose,
  onDeleted,
}: {
  source: Source | null;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const client = useClient();
  const refresh = useRefreshKnowledge();
  const notify = useToast();
  return (
    <ConfirmDialog
      open={source !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Delete “${source?.title ?? ''}”?`}
      description={`Its ${source?.chunkCount ? `${source.chunkCount.toLocaleString()} passages` : 'passages'}${source?.file ? ' and the uploaded file' : ''} are removed, and agents stop citing it at once. This cannot be undone.`}
      confirmLabel="Delete source"
      onConfirm={() => call(client.DELETE('/api/v1/knowledge/sources/{id}', { params: { path: { id: source!.id } } }))}
      onDone={() => {
        notify(`Deleted “${source?.title ?? ''}”.`);
        onDeleted();
        void refresh();
      }}
    />
  );
}
