import { useEffect, useRef } from 'react';
import { cn } from '../../lib/cn';
import { formatDateTime } from '../../lib/format';
import type { ConversationDetail, Message, Note, Transition } from './inbox-api';

type Entry = { at: string; key: string } & (
  { kind: 'message'; message: Message } | { kind: 'note'; note: Note } | { kind: 'transition'; transition: Transition }
);

const time = (at: string) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function describeTransition(t: Transition, name: (id: string | null) => string): string {
  const by =
    t.actorType === 'user'
      ? name(t.actorId)
      : t.actorType === 'system'
        ? 'Auto-assignment'
        : t.actorType === 'apiKey'
          ? 'The visitor'
          : 'The visitor';
  switch (t.event) {
    case 'conversation.handoff_requested':
      return `Handed to a person${t.reason ? `: ${t.reason}` : ''}`;
    case 'conversation.taken_over':
      return `${name(t.assigneeId)} took over`;
    case 'conversation.assigned':
      return `${by} assigned it to ${name(t.assigneeId)}`;
    case 'conversation.unassigned':
      return `${by} put it back in the queue`;
    case 'conversation.released':
      return `${by} handed it back to the bot`;
    case 'conversation.closed':
      return `${by} closed it`;
    case 'conversation.reopened':
      return `${by} reopened it`;
    default:
      return t.event;
  }
}

function Bubble({ message, author }: { message: Message; author: string }) {
  const mine = message.role === 'human';
  const label =
    message.role === 'user'
      ? 'Visitor'
      : message.role === 'human'
        ? author
        : message.model === 'handoff'
          ? 'Bot (hand-off notice)'
          : 'Bot';
  return (
    <div className={cn('flex', mine ? 'justify-end' : 'justify-start')}>
      <div
        className={cn(
          'max-w-[85%] rounded-2xl px-4 py-2.5 text-sm shadow-sm',
          message.role === 'user'
            ? 'bg-white ring-1 ring-slate-200'
            : mine
              ? 'bg-emerald-600 text-white'
              : 'bg-indigo-50 text-slate-900 ring-1 ring-indigo-100',
        )}
      >
        <p className={cn('mb-1 text-xs font-medium', mine ? 'text-emerald-50' : 'text-slate-500')}>
          {label} ·{' '}
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {time(message.createdAt)}
          </time>
        </p>
        <p className="whitespace-pre-wrap break-words">
          {message.content || (message.status === 'streaming' ? '…' : '')}
        </p>
        {message.citations.length > 0 && (
          <ol className="mt-2 space-y-0.5 border-t border-indigo-100 pt-2 text-xs text-slate-600" aria-label="Sources">
            {message.citations.map((c) => (
              <li key={c.index}>
                [{c.index}]{' '}
                {c.url ? (
                  <a className="text-indigo-700 underline" href={c.url} target="_blank" rel="noreferrer noopener">
                    {c.title}
                  </a>
                ) : (
                  c.title
                )}
                {c.page ? `, page ${c.page}` : ''}
              </li>
            ))}
          </ol>
        )}
        {message.toolCalls.length > 0 && (
          <details className="mt-2 border-t border-indigo-100 pt-2 text-xs text-slate-600">
            <summary className="cursor-pointer">
              {message.toolCalls.length} tool call{message.toolCalls.length === 1 ? '' : 's'}
            </summary>
            <ul className="mt-1 space-y-1">
              {message.toolCalls.map((call) => (
                <li key={call.id}>
                  <code className="font-semibold">{call.name}</code>
                  <pre className="whitespace-pre-wrap break-all font-mono">
                    {JSON.stringify(call.input)}
                    {call.output === undefined ? '' : `\n→ ${JSON.stringify(call.output).slice(0, 1000)}`}
                  </pre>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}

/** The conversation as it happened: messages, internal notes (marked as such) and who took it when. */
export function Timeline({ detail, visitorTyping }: { detail: ConversationDetail; visitorTyping: boolean }) {
  const name = (id: string | null) => (id ? (detail.people[id]?.name ?? 'A former member') : 'someone');
  const entries: Entry[] = [
    ...detail.messages
      .filter((m) => m.content || m.status === 'streaming')
      .map((message) => ({ kind: 'message' as const, message, at: message.createdAt, key: message.id })),
    ...detail.notes.map((note) => ({ kind: 'note' as const, note, at: note.createdAt, key: note.id })),
    ...detail.transitions.map((transition) => ({
      kind: 'transition' as const,
      transition,
      at: transition.createdAt,
      key: transition.id,
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const scroller = useRef<HTMLDivElement>(null);
  // Scrolls only its own box to the newest entry (scrollIntoView would scroll the page's boxes too).
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [entries.length, visitorTyping]);

  return (
    <div
      ref={scroller}
      className="min-h-0 flex-1 space-y-3 overflow-y-auto bg-slate-50 px-4 py-4"
      role="log"
      aria-label="Conversation"
      aria-live="polite"
    >
      {entries.map((entry) =>
        entry.kind === 'message' ? (
          <Bubble key={entry.key} message={entry.message} author={name(entry.message.authorId)} />
        ) : entry.kind === 'note' ? (
          <div
            key={entry.key}
            className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-950"
          >
            <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-amber-800">
              {entry.note.kind === 'summary' ? 'Summary' : 'Internal note'} ·{' '}
              {entry.note.authorId ? name(entry.note.authorId) : 'Co-pilot'} · {time(entry.note.createdAt)}
            </p>
            <p className="whitespace-pre-wrap">{entry.note.content}</p>
          </div>
        ) : (
          <p key={entry.key} className="text-center text-xs text-slate-500">
            {describeTransition(entry.transition, name)} · {time(entry.transition.createdAt)}
          </p>
        ),
      )}
      {visitorTyping && <p className="text-sm italic text-slate-500">The visitor is typing…</p>}
    </div>
  );
}
