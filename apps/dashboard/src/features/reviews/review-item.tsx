import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { formatRelative } from '../../lib/format';
import { KIND_LABELS, type ReviewItem } from './reviews-api';

/** One item: the question, what the bot answered, the passages it used (the one it leaned on first), and the actions. */
export function ReviewItemCard({
  item,
  onCorrect,
  onResolve,
  pending,
}: {
  item: ReviewItem;
  onCorrect: () => void;
  onResolve: (status: 'reviewed' | 'dismissed') => void;
  pending: boolean;
}) {
  const misleading = item.misleadingPassage;
  return (
    <li className="space-y-3 p-4" aria-label={item.question || KIND_LABELS[item.kind]}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <Badge tone={item.kind === 'rated_down' ? 'red' : item.kind === 'handed_off' ? 'amber' : 'gray'}>
          {KIND_LABELS[item.kind]}
        </Badge>
        {item.kind === 'rated_down' && (
          <span>
            {item.down} rated it down · {item.up} up
          </span>
        )}
        {item.reason && <span>{item.reason}</span>}
        <span>{formatRelative(item.at)}</span>
      </div>
      <p className="font-medium text-slate-900">{item.question || 'No question recorded'}</p>
      {item.answer && (
        <p className="whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-sm text-slate-700">{item.answer}</p>
      )}
      {item.comments.length > 0 && (
        <ul aria-label="Comments" className="list-disc space-y-1 ps-5 text-sm text-slate-600">
          {item.comments.map((comment, i) => (
            <li key={i}>“{comment}”</li>
          ))}
        </ul>
      )}
      {item.passages.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Passages the answer used ({item.passages.length})</summary>
          <ol className="mt-2 space-y-2 ps-5">
            {item.passages.map((p) => (
              <li key={p.chunkId} className="list-decimal">
                <span className="font-medium">{p.title}</span>
                {misleading?.chunkId === p.chunkId && (
                  <Badge tone="amber" className="ms-2">
                    Likely misled the answer
                  </Badge>
                )}
                <p className="text-slate-600">{p.snippet}</p>
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={onCorrect} aria-label={`Correct the answer to ${item.question}`}>
          Correct this answer
        </Button>
        <Button size="sm" variant="secondary" pending={pending} onClick={() => onResolve('reviewed')}>
          Mark reviewed
        </Button>
        <Button size="sm" variant="ghost" pending={pending} onClick={() => onResolve('dismissed')}>
          Dismiss
        </Button>
      </div>
    </li>
  );
}
