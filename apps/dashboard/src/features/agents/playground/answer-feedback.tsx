import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { buttonVariants } from '../../../components/button';
import { Icon } from '../../../components/icons';
import { cn } from '../../../lib/cn';
import { errorMessage } from '../../../lib/errors';
import { useWorkspaceApi } from '../../../lib/workspace';

type Rating = 'up' | 'down';

/**
 * Thumbs up or down on a playground answer, with an optional comment on a thumbs down: rated
 * as the signed-in person (`source: playground`); answers rated down reach the review queue.
 */
export function AnswerFeedback({ conversationId, messageId }: { conversationId: string; messageId: string }) {
  const workspaceApi = useWorkspaceApi();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [commented, setCommented] = useState(false);
  const send = useMutation({
    mutationFn: (body: { rating: Rating; comment?: string }) =>
      workspaceApi(
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`,
        { method: 'POST', json: body },
      ),
  });
  const rate = (next: Rating) => {
    setRating(next);
    send.mutate({ rating: next });
  };
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-1 text-xs text-slate-600"
      role="group"
      aria-label="Rate this answer"
    >
      {(['up', 'down'] as const).map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={rating === value}
          aria-label={value === 'up' ? 'Helpful' : 'Not helpful'}
          className={cn(buttonVariants({ variant: 'ghost', size: 'sm' }), rating === value && 'bg-slate-100')}
          onClick={() => rate(value)}
        >
          <Icon name="thumb" className={cn('h-4 w-4', value === 'down' && 'rotate-180')} />
        </button>
      ))}
      {rating === 'down' && !commented && (
        <form
          className="flex flex-1 gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            if (!comment.trim()) return;
            send.mutate({ rating: 'down', comment: comment.trim() }, { onSuccess: () => setCommented(true) });
          }}
        >
          <input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            placeholder="What was wrong? (optional)"
            aria-label="What was wrong?"
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1"
          />
          <button type="submit" className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
            Send
          </button>
        </form>
      )}
      {commented && <span>Thanks: it is in the review queue.</span>}
      {send.isError && (
        <span role="alert" className="text-red-700">
          {errorMessage(send.error)}
        </span>
      )}
    </div>
  );
}
