import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { tabPanelProps, Tabs } from '../../components/tabs';
import { useToast } from '../../components/toast';
import { errorMessage } from '../../lib/errors';
import { QaDialog } from '../knowledge/qa-dialog';
import { ReviewItemCard } from './review-item';
import { KIND_LABELS, useReviewActions, useReviewQueue, type ReviewItem, type ReviewKind } from './reviews-api';

const TABS = ['all', 'rated_down', 'handed_off', 'unanswered'] as const;
type Tab = (typeof TABS)[number];

/** /w/:id/reviews: answers rated down, conversations handed off and unanswered questions, to correct or dismiss. */
export function ReviewsPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as Tab) : 'all';
  const queue = useReviewQueue(tab === 'all' ? null : (tab as ReviewKind));
  const { correct, resolve } = useReviewActions();
  const notify = useToast();
  const [correcting, setCorrecting] = useState<ReviewItem | null>(null);
  const [corrected, setCorrected] = useState<{ question: string; passage: string | null } | null>(null);

  const onResolve = (item: ReviewItem, status: 'reviewed' | 'dismissed') =>
    resolve.mutate(
      { id: item.id, status },
      {
        onSuccess: () => notify(status === 'reviewed' ? 'Marked reviewed.' : 'Dismissed.'),
        onError: (error) => notify(errorMessage(error), 'error'),
      },
    );

  return (
    <>
      <PageHeader
        title="Reviews"
        description="Answers visitors rated down, conversations handed to a person and questions nothing answered. Correct an answer and it becomes a Q&A pair, used the next time the question is asked."
      />
      <Tabs
        label="Review queue"
        idPrefix="reviews"
        value={tab}
        onChange={(next) => setParams(next === 'all' ? {} : { kind: next }, { replace: true })}
        items={TABS.map((id) => ({ id, label: id === 'all' ? 'All' : KIND_LABELS[id] }))}
      />
      <div {...tabPanelProps('reviews', tab)}>
        {corrected && (
          <div
            role="status"
            className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900"
          >
            Saved a Q&A pair for “{corrected.question}”.
            {corrected.passage
              ? ` The answer leaned on this passage, which may need fixing at its source: “${corrected.passage}”`
              : ''}
          </div>
        )}
        {queue.isPending && <Loading label="Loading the review queue…" />}
        {queue.isError && <ErrorAlert error={queue.error} />}
        {queue.data?.length === 0 && (
          <EmptyState title="Nothing to review" icon={<Icon name="check" />}>
            <p>
              Answers rated down in the widget, the playground or the API, conversations handed to a person and
              unanswered questions show up here.
            </p>
          </EmptyState>
        )}
        {queue.data && queue.data.length > 0 && (
          <ul
            aria-label="Review queue"
            className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
          >
            {queue.data.map((item) => (
              <ReviewItemCard
                key={item.id}
                item={item}
                pending={resolve.isPending && resolve.variables?.id === item.id}
                onCorrect={() => setCorrecting(item)}
                onResolve={(status) => onResolve(item, status)}
              />
            ))}
          </ul>
        )}
      </div>
      <QaDialog
        open={correcting !== null}
        title="Correct this answer"
        description="The right answer is saved as a Q&A pair and given word for word the next time this question is asked."
        initial={{ question: correcting?.question ?? '', answer: '' }}
        submitLabel="Save the correct answer"
        save={(draft) => correct.mutateAsync({ id: correcting!.id, ...draft })}
        onSaved={() => {
          setCorrected({ question: correcting!.question, passage: correcting!.misleadingPassage?.snippet ?? null });
          setCorrecting(null);
          notify('Answer corrected.');
        }}
        onClose={() => setCorrecting(null)}
      />
    </>
  );
}
