import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { errorMessage } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { call, useClient } from '../../lib/client';
import { useCan } from '../../lib/workspace';
import { useGaps, useRefreshKnowledge, type GapGroup } from './knowledge-api';
import { QaDialog } from './qa-dialog';

/** Questions nothing answered, grouped by wording: answer a group with a Q&A pair in one step, or dismiss it. */
export function GapsTab() {
  const gaps = useGaps();
  const can = useCan();
  const client = useClient();
  const refresh = useRefreshKnowledge();
  const notify = useToast();
  const [answering, setAnswering] = useState<GapGroup | null>(null);
  const dismiss = useMutation({
    mutationFn: (group: GapGroup) =>
      call(client.POST('/api/v1/knowledge/gaps/dismiss', { body: { gapIds: group.gapIds } })),
    onSuccess: (_r, group) => {
      notify(`Dismissed “${group.representative}”.`);
      void refresh();
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const write = can('knowledge.write');

  if (gaps.isPending) return <Loading label="Loading unanswered questions…" />;
  if (gaps.isError) return <ErrorAlert error={gaps.error} />;
  if (gaps.data.length === 0) {
    return (
      <EmptyState title="No unanswered questions" icon={<Icon name="check" />}>
        <p>
          When a visitor asks something your knowledge doesn’t cover, the question lands here, grouped with others
          worded alike, so you can add the answer.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <ul
        aria-label="Unanswered questions"
        className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
      >
        {gaps.data.map((group) => (
          <li
            key={group.gapIds[0]}
            className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center"
            aria-label={group.representative}
          >
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-900">{group.representative}</p>
              <p className="mt-0.5 text-xs text-slate-500">
                Asked {group.count === 1 ? 'once' : `${group.count} times`} · last {formatRelative(group.lastAskedAt)}
              </p>
            </div>
            {write && (
              <div className="flex shrink-0 gap-2">
                <Button
                  size="sm"
                  onClick={() => setAnswering(group)}
                  aria-label={`Add an answer to ${group.representative}`}
                >
                  Add an answer
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  pending={dismiss.isPending && dismiss.variables === group}
                  onClick={() => dismiss.mutate(group)}
                  aria-label={`Dismiss ${group.representative}`}
                >
                  Dismiss
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <QaDialog
        open={answering !== null}
        title="Add an answer"
        description={
          answering
            ? `Asked ${answering.count === 1 ? 'once' : `${answering.count} times`}. The answer becomes a Q&A pair, given word for word from now on.`
            : undefined
        }
        initial={{ question: answering?.representative ?? '', answer: '' }}
        submitLabel="Save answer"
        save={(draft) =>
          call(client.POST('/api/v1/knowledge/gaps/answer', { body: { gapIds: answering!.gapIds, ...draft } }))
        }
        onSaved={() => {
          notify('Answer saved as a Q&A pair.');
          setAnswering(null);
          void refresh();
        }}
        onClose={() => setAnswering(null)}
      />
    </>
  );
}
