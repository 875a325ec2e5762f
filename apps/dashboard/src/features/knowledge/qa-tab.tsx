import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { formatDate } from '../../lib/format';
import { call, useClient } from '../../lib/client';
import { useCan } from '../../lib/workspace';
import { useQaPairs, useRefreshKnowledge, type QaPair } from './knowledge-api';
import { QaDialog } from './qa-dialog';

type Editing = { mode: 'new' } | { mode: 'edit'; pair: QaPair } | null;

/** Curated questions and answers: they win over generated answers when a question matches. */
export function QaTab() {
  const pairs = useQaPairs();
  const can = useCan();
  const client = useClient();
  const refresh = useRefreshKnowledge();
  const notify = useToast();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<QaPair | null>(null);
  const write = can('knowledge.write');

  const addButton = write && (
    <Button onClick={() => setEditing({ mode: 'new' })}>
      <Icon name="plus" className="h-4 w-4" />
      Add Q&A pair
    </Button>
  );
  let body;
  if (pairs.isPending) body = <Loading label="Loading questions and answers…" />;
  else if (pairs.isError) body = <ErrorAlert error={pairs.error} />;
  else if (pairs.data.length === 0)
    body = (
      <EmptyState title="No curated answers yet" icon={<Icon name="qa" />} action={addButton || undefined}>
        <p>
          Write the exact answer to a question customers ask often (opening hours, return policy, prices). When a
          visitor’s question matches, agents give it word for word instead of composing one.
        </p>
      </EmptyState>
    );
  else
    body = (
      <ul
        aria-label="Questions and answers"
        className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
      >
        {pairs.data.map((pair) => (
          <li key={pair.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start" aria-label={pair.question}>
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">{pair.question}</p>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{pair.answer}</p>
              <p className="mt-1 text-xs text-slate-500">Updated {formatDate(pair.updatedAt)}</p>
            </div>
            {write && (
              <div className="flex shrink-0 gap-1">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setEditing({ mode: 'edit', pair })}
                  aria-label={`Edit answer to ${pair.question}`}
                >
                  <Icon name="pencil" className="h-4 w-4" />
                  Edit
                </Button>
                <Button
                  variant="ghost-danger"
                  size="sm"
                  onClick={() => setDeleting(pair)}
                  aria-label={`Delete answer to ${pair.question}`}
                >
                  <Icon name="trash" className="h-4 w-4" />
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    );

  const edited = editing?.mode === 'edit' ? editing.pair : null;
  return (
    <>
      {pairs.data?.length ? <div className="mb-4 flex justify-end">{addButton}</div> : null}
      {body}
      <QaDialog
        open={editing !== null}
        title={edited ? 'Edit Q&A pair' : 'Add Q&A pair'}
        initial={{ question: edited?.question ?? '', answer: edited?.answer ?? '' }}
        submitLabel={edited ? 'Save' : 'Add pair'}
        save={(draft) =>
          edited
            ? call(client.PUT('/api/v1/knowledge/qa/{id}', { params: { path: { id: edited.id } }, body: draft }))
            : call(client.POST('/api/v1/knowledge/qa', { body: draft }))
        }
        onSaved={() => {
          notify(edited ? 'Answer saved.' : 'Q&A pair added.');
          setEditing(null);
          void refresh();
        }}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this Q&A pair?"
        description={`“${deleting?.question ?? ''}” will no longer be answered word for word.`}
        confirmLabel="Delete pair"
        onConfirm={() => call(client.DELETE('/api/v1/knowledge/qa/{id}', { params: { path: { id: deleting!.id } } }))}
        onDone={() => {
          notify('Q&A pair deleted.');
          void refresh();
        }}
      />
    </>
  );
}
