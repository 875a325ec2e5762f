import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { cn } from '../../lib/cn';
import { call, useClient } from '../../lib/client';
import { useWorkspace } from '../../lib/workspace';
import { appendMessage, appendNote, useCannedResponses } from './inbox-api';
import type { Citation } from './inbox-api';
import { CannedPicker, filterCanned, optionId, shortcutAt } from './canned-picker';

type Mode = 'reply' | 'note';

/** Tells the visitor "typing…" at most every 3 s while you type, and that you stopped after 4 s idle or on send. */
function useTypingSignal(conversationId: string) {
  const client = useClient();
  const lastSent = useRef(0);
  const idle = useRef<number | undefined>(undefined);
  const send = (typing: boolean) =>
    void call(
      client.POST('/api/v1/inbox/conversations/{id}/typing', {
        params: { path: { id: conversationId } },
        body: { typing },
      }),
    ).catch(() => undefined);
  useEffect(() => () => window.clearTimeout(idle.current), []);
  const stopped = () => {
    window.clearTimeout(idle.current);
    if (lastSent.current) send(false);
    lastSent.current = 0;
  };
  const typed = () => {
    if (Date.now() - lastSent.current > 3000) {
      lastSent.current = Date.now();
      send(true);
    }
    window.clearTimeout(idle.current);
    idle.current = window.setTimeout(stopped, 4000);
  };
  return { typed, stopped };
}

/** Reply to the visitor or write an internal note; `/` inserts a canned response; the co-pilot drafts. */
export function Composer({ conversationId }: { conversationId: string }) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const queryClient = useQueryClient();
  const canned = useCannedResponses();
  const typing = useTypingSignal(conversationId);
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [sources, setSources] = useState<Citation[]>([]);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const fieldId = useId();

  // Another conversation starts with an empty reply (adjusted while rendering, not after).
  const [writingIn, setWritingIn] = useState(conversationId);
  if (writingIn !== conversationId) {
    setWritingIn(conversationId);
    setText('');
    setSources([]);
  }

  const shortcut = mode === 'reply' ? shortcutAt(text, caret) : null;
  const options = shortcut ? filterCanned(canned.data ?? [], shortcut.query) : [];

  const insert = (content: string, start: number, end: number) => {
    const next = text.slice(0, start) + content + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(start + content.length, start + content.length);
      setCaret(start + content.length);
    });
  };

  const send = useMutation({
    mutationFn: async () => {
      const content = text.trim();
      if (mode === 'reply') {
        typing.stopped();
        const { message } = await call(
          client.POST('/api/v1/inbox/conversations/{id}/messages', {
            params: { path: { id: conversationId } },
            body: { content },
          }),
        );
        appendMessage(queryClient, workspace.id, message);
      } else {
        const { note } = await call(
          client.POST('/api/v1/inbox/conversations/{id}/notes', {
            params: { path: { id: conversationId } },
            body: { content },
          }),
        );
        appendNote(queryClient, workspace.id, note);
      }
    },
    onSuccess: () => {
      setText('');
      setSources([]);
      void queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'detail', conversationId] });
    },
  });

  const draft = useMutation({
    mutationFn: () =>
      call(client.POST('/api/v1/inbox/conversations/{id}/draft', { params: { path: { id: conversationId } } })),
    onSuccess: ({ draft: suggestion }) => {
      setMode('reply');
      setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${suggestion.content}` : suggestion.content));
      setSources(suggestion.citations);
      requestAnimationFrame(() => area.current?.focus());
    },
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (shortcut && options.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        insert(options[Math.min(active, options.length - 1)]!.content, shortcut.start, caret);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && text.trim() && !send.isPending) {
      event.preventDefault();
      send.mutate();
    }
  };

  return (
    <div className="border-t border-slate-200 bg-white">
      <div role="tablist" aria-label="Write" className="flex gap-1 px-3 pt-2">
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={cn(
              'rounded-md px-3 py-1 text-sm font-medium',
              mode === m
                ? m === 'note'
                  ? 'bg-amber-100 text-amber-900'
                  : 'bg-slate-900 text-white'
                : 'text-slate-600 hover:bg-slate-100',
            )}
          >
            {m === 'reply' ? 'Reply' : 'Internal note'}
          </button>
        ))}
        <Button variant="ghost" size="sm" className="ml-auto" pending={draft.isPending} onClick={() => draft.mutate()}>
          Suggest a reply
        </Button>
      </div>
      <div
        className={cn(
          'm-3 rounded-lg border',
          mode === 'note' ? 'border-amber-300 bg-amber-50/40' : 'border-slate-300',
        )}
      >
        <label htmlFor={fieldId} className="sr-only">
          {mode === 'reply' ? 'Reply to the visitor' : 'Internal note (only your team sees it)'}
        </label>
        <textarea
          id={fieldId}
          ref={area}
          rows={3}
          value={text}
          placeholder={
            mode === 'reply'
              ? 'Reply to the visitor… (type / for canned responses, Enter to send)'
              : 'A note for your team; the visitor never sees it'
          }
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setActive(0);
            if (mode === 'reply') typing.typed();
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          role={shortcut ? 'combobox' : undefined}
          aria-expanded={shortcut ? options.length > 0 : undefined}
          aria-controls={shortcut ? listId : undefined}
          aria-activedescendant={
            shortcut && options.length ? optionId(listId, Math.min(active, options.length - 1)) : undefined
          }
          className="block w-full resize-y rounded-lg bg-transparent px-3 py-2 text-sm outline-none"
        />
        {shortcut && (
          <CannedPicker
            listId={listId}
            options={options}
            active={Math.min(active, Math.max(0, options.length - 1))}
            onPick={(c) => insert(c.content, shortcut.start, caret)}
          />
        )}
      </div>
      {sources.length > 0 && (
        <p className="-mt-1 px-4 pb-1 text-xs text-slate-500">
          Draft sources: {sources.map((c) => `[${c.index}] ${c.title}`).join(' · ')}
        </p>
      )}
      <div className="flex items-center justify-end gap-2 px-3 pb-3">
        <ErrorAlert error={send.error ?? draft.error} size="compact" className="mr-auto" />
        <Button
          onClick={() => send.mutate()}
          pending={send.isPending}
          disabled={!text.trim()}
          variant={mode === 'note' ? 'secondary' : 'primary'}
        >
          {mode === 'reply' ? 'Send reply' : 'Add note'}
        </Button>
      </div>
    </div>
  );
}
