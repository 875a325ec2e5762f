import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorAlert, Notice } from '../../../components/alert';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/field';
import { useCan } from '../../../lib/workspace';
import { useVersion, useVersions } from '../agents-api';
import { useDraft } from '../editor/draft-editor';
import { AssistantMessage } from './assistant-message';
import { usePlaygroundChat, type Target } from './use-playground-chat';

/** Try the agent: the saved draft or a published version, with each answer's sources, tools and cost. */
export function PlaygroundTab() {
  const { agent, dirty, save, saving } = useDraft();
  const can = useCan();
  const mayEdit = can('agents.write');
  const mayChat = can('conversations.reply');
  const [target, setTarget] = useState<Target>(mayEdit ? 'draft' : 'live');
  const versions = useVersions(agent.id);
  const chosen = useVersion(agent.id, typeof target === 'number' ? target : null);
  const chat = usePlaygroundChat(agent.id, target);
  const [message, setMessage] = useState('');
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const config = target === 'draft' ? agent.draft : target === 'live' ? agent.published : chosen.data?.config;
  const last = chat.turns.at(-1);
  const streamed = last && last.role === 'assistant' ? last.text.length : 0;
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.turns.length, streamed]);

  if (!mayChat) {
    return (
      <Notice title="The playground is for people who chat with visitors">
        Your role can see this agent but not talk to it. Owners, admins, managers and agents can use the playground.
      </Notice>
    );
  }

  const send = (text: string) => {
    if (!text.trim() || chat.busy) return;
    void chat.send(text);
    setMessage('');
    input.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line; Enter that confirms an IME composition does neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send(message);
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <SelectField
          label="Talk to"
          fieldClassName="sm:w-72"
          value={String(target)}
          onChange={(e) =>
            setTarget(e.target.value === 'draft' || e.target.value === 'live' ? e.target.value : Number(e.target.value))
          }
        >
          {mayEdit && <option value="draft">Draft (saved, unpublished)</option>}
          <option value="live">
            Live version{agent.publishedVersion ? ` (version ${agent.publishedVersion})` : ''}
          </option>
          {mayEdit &&
            versions.data
              ?.filter((v) => !v.live)
              .map((v) => (
                <option key={v.version} value={v.version}>
                  Version {v.version}
                </option>
              ))}
        </SelectField>
        <Button variant="secondary" onClick={chat.reset} disabled={chat.turns.length === 0 && !chat.startError}>
          New conversation
        </Button>
      </div>
      {target === 'draft' && dirty && (
        <Notice tone="warning">
          <span>You have unsaved changes: the playground uses the saved draft. </span>
          <Button variant="link" pending={saving} onClick={() => void save().catch(() => undefined)}>
            Save the draft now
          </Button>
        </Notice>
      )}
      {agent.status === 'paused' && (
        <Notice tone="warning">
          This agent is paused: visitors get no answers.{' '}
          {mayEdit ? 'You can still try its draft and versions here.' : ''}
        </Notice>
      )}
      {chat.conversationStatus === 'pending_human' && (
        <Notice tone="warning">
          This conversation was handed to a person: the bot stays silent from now on. Start a new conversation to keep
          testing.
        </Notice>
      )}

      <div
        ref={log}
        role="log"
        aria-label="Playground conversation"
        aria-busy={chat.busy}
        className="h-[55vh] min-h-72 space-y-4 overflow-y-auto rounded-xl border border-slate-200 bg-slate-50 p-4"
      >
        {config?.greeting && (
          <div className="max-w-[46rem] rounded-2xl rounded-tl-sm border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-sm">
            {config.greeting}
          </div>
        )}
        {chat.turns.length === 0 && config && config.suggestedQuestions.length > 0 && (
          <div className="flex flex-wrap gap-2" aria-label="Suggested questions">
            {config.suggestedQuestions.map((q) => (
              <button
                key={q}
                type="button"
                onClick={() => send(q)}
                className="rounded-full border border-indigo-200 bg-white px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-50"
              >
                {q}
              </button>
            ))}
          </div>
        )}
        {chat.turns.map((turn) =>
          turn.role === 'user' ? (
            <div key={turn.id} className="flex justify-end">
              <p
                className="max-w-[36rem] whitespace-pre-wrap break-words rounded-2xl rounded-tr-sm bg-indigo-600 px-4 py-2.5 text-sm text-white"
                data-testid="user-message"
              >
                {turn.text}
              </p>
            </div>
          ) : (
            <AssistantMessage key={turn.id} turn={turn} />
          ),
        )}
        {chat.turns.length === 0 && !config?.greeting && (
          <p className="text-center text-sm text-slate-500">Ask something to see how the agent answers.</p>
        )}
      </div>
      <ErrorAlert error={chat.startError} />

      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          send(message);
        }}
      >
        <label htmlFor="playground-message" className="sr-only">
          Message
        </label>
        <textarea
          id="playground-message"
          ref={input}
          rows={2}
          maxLength={8000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Write a message… (Enter sends, Shift+Enter for a new line)"
          className="block w-full resize-y rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
        {chat.busy ? (
          <Button variant="secondary" onClick={chat.stop}>
            Stop
          </Button>
        ) : (
          <Button type="submit" disabled={!message.trim()}>
            Send
          </Button>
        )}
      </form>
    </div>
  );
}
