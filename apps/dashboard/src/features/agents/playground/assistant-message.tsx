import { Markdown } from '../../../components/markdown';
import { safeHref } from '../../../lib/safe-href';
import { Spinner } from '../../../components/spinner';
import { AnswerFeedback } from './answer-feedback';
import type { AssistantTurn, Citation } from './chat-types';

const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 6,
});

/** One answer: its text as it streams, then where it came from and what it cost. */
export function AssistantMessage({ turn }: { turn: AssistantTurn }) {
  const cite = (index: number) => {
    const source = turn.citations.find((c) => c.index === index);
    return (
      <sup className="mx-0.5 text-[0.7em] font-semibold text-indigo-700" title={source?.title}>
        [{index}]
      </sup>
    );
  };
  const queued = turn.done?.status === 'queued_for_human';
  return (
    <div className="max-w-[46rem]" data-testid="assistant-message" data-state={turn.state}>
      <div className="rounded-2xl rounded-tl-sm border border-slate-200 bg-white px-4 py-3 text-sm text-slate-900 shadow-sm">
        {turn.text ? <Markdown text={turn.text} renderCitation={cite} /> : null}
        {turn.state === 'streaming' && (
          <span className="inline-flex items-center gap-2 text-slate-500">
            <Spinner className="h-3.5 w-3.5" />
            {turn.text ? <span className="sr-only">Still answering…</span> : 'Thinking…'}
          </span>
        )}
        {queued && (
          <p className="text-slate-600">
            A person owns this conversation: the message waits for them and the bot stays silent.
          </p>
        )}
        {turn.state === 'stopped' && (
          <p className="mt-2 text-xs font-medium text-slate-500">
            You stopped this answer. What was written so far is kept (marked interrupted).
          </p>
        )}
        {turn.state === 'done' && !turn.text && !queued && <p className="text-slate-500">(No answer text.)</p>}
      </div>
      {turn.handoff && (
        <p
          role="status"
          className="mt-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <strong>Handed off to a person.</strong> {turn.handoff.reason}
        </p>
      )}
      {turn.error && (
        <div role="alert" className="mt-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <strong>The answer failed.</strong> {turn.error.message}{' '}
          <span className="text-xs text-red-700">({turn.error.code})</span>
        </div>
      )}
      {turn.done?.offerHuman && (
        <p className="mt-2 text-xs text-slate-600">Nothing relevant was found: the visitor is offered a person.</p>
      )}
      {turn.citations.length > 0 && <Sources citations={turn.citations} />}
      {turn.tools.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">
            {turn.tools.length} tool call{turn.tools.length === 1 ? '' : 's'}
          </summary>
          <ul className="mt-2 space-y-2">
            {turn.tools.map((tool, i) => (
              <li key={i} className="rounded-lg border border-slate-200 bg-slate-50 p-2">
                <p className="font-mono text-xs font-semibold text-slate-800">{tool.name}</p>
                <p className="mt-1 text-xs text-slate-500">Input</p>
                <pre className="overflow-x-auto whitespace-pre-wrap break-words text-xs">
                  {JSON.stringify(tool.input, null, 2)}
                </pre>
                <p className="mt-1 text-xs text-slate-500">Output</p>
                <pre className="max-h-48 overflow-auto whitespace-pre-wrap break-words text-xs">
                  {tool.output === undefined ? '(running…)' : JSON.stringify(tool.output, null, 2)}
                </pre>
              </li>
            ))}
          </ul>
        </details>
      )}
      {turn.done?.messageId && !queued && turn.done.status !== 'error' && (
        <AnswerFeedback conversationId={turn.done.conversationId} messageId={turn.done.messageId} />
      )}
      {turn.done && !queued && (
        <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500" aria-label="Answer details">
          <Stat label="Model" value={turn.done.model ?? '—'} />
          <Stat label="Tokens in" value={String(turn.done.usage.tokensIn)} />
          <Stat label="Tokens out" value={String(turn.done.usage.tokensOut)} />
          <Stat label="Cost" value={usd.format(turn.done.usage.costUsd)} />
          <Stat
            label="Latency"
            value={turn.done.latencyMs === null ? '—' : `${turn.done.latencyMs.toLocaleString()} ms`}
          />
          {turn.done.status !== 'complete' && <Stat label="Status" value={turn.done.status} />}
        </dl>
      )}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-1">
      <dt>{label}:</dt>
      <dd className="font-medium text-slate-700">{value}</dd>
    </div>
  );
}

function Sources({ citations }: { citations: Citation[] }) {
  return (
    <section aria-label="Sources" className="mt-2">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Sources</p>
      <ol className="mt-1 space-y-1.5">
        {citations.map((c) => {
          const href = c.url ? safeHref(c.url) : null;
          return (
            <li
              key={`${c.index}-${c.chunkId}`}
              className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-xs"
              data-testid="citation"
            >
              <p className="font-medium text-slate-800">
                [{c.index}]{' '}
                {href ? (
                  <a
                    href={href}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                    className="text-indigo-700 underline"
                  >
                    {c.title}
                  </a>
                ) : (
                  c.title
                )}
                {c.page !== null && <span className="font-normal text-slate-500"> · page {c.page}</span>}
                <span className="font-normal text-slate-500"> · score {c.score.toFixed(2)}</span>
              </p>
              <p className="mt-0.5 line-clamp-3 text-slate-600">{c.snippet}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
