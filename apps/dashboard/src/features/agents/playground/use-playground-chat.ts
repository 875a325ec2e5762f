import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ApiErrorBody } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { readSse } from '../../../lib/sse';
import { call, useClient } from '../../../lib/client';
import { useWorkspace } from '../../../lib/workspace';
import {
  mergeToolEvent,
  type AssistantTurn,
  type Citation,
  type ConversationStatus,
  type DoneData,
  type ToolCall,
  type Turn,
} from './chat-types';

/** What the playground talks to: the saved draft, the live version, or one version. */
export type Target = 'draft' | 'live' | number;

let sequence = 0;
const localId = () => `t${++sequence}`;

/**
 * One playground conversation: created on the first message, then each message is POSTed with
 * `Accept: text/event-stream` and its answer read as it streams (fetch, since EventSource can't
 * POST). An Idempotency-Key per message means a retried request never answers twice.
 */
export function usePlaygroundChat(agentId: string, target: Target) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [conversationStatus, setConversationStatus] = useState<ConversationStatus>('bot');
  const [startError, setStartError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const conversationId = useRef<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const patch = (id: string, change: (turn: AssistantTurn) => Partial<AssistantTurn>) =>
    setTurns((list) => list.map((t) => (t.id === id && t.role === 'assistant' ? { ...t, ...change(t) } : t)));

  const reset = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    conversationId.current = null;
    setTurns([]);
    setConversationStatus('bot');
    setStartError(null);
    setBusy(false);
  }, []);
  // Another target is another conversation; leaving the page stops a running answer.
  useEffect(() => reset, [reset, agentId, target]);

  const start = async (): Promise<string> => {
    if (conversationId.current) return conversationId.current;
    const json =
      target === 'draft'
        ? { agentId, useDraft: true }
        : target === 'live'
          ? { agentId, channel: 'playground' as const }
          : { agentId, version: target };
    const created = await call(client.POST('/api/v1/conversations', { body: json }));
    conversationId.current = created.conversation.id;
    return created.conversation.id;
  };

  const send = async (content: string) => {
    const text = content.trim();
    if (!text || busy) return;
    setBusy(true);
    setStartError(null);
    let id: string;
    try {
      id = await start();
    } catch (error) {
      setStartError(error);
      setBusy(false);
      return;
    }
    const answerId = localId();
    setTurns((list) => [
      ...list,
      { id: localId(), role: 'user', text },
      {
        id: answerId,
        role: 'assistant',
        text: '',
        state: 'streaming',
        citations: [],
        tools: [],
        done: null,
        error: null,
        handoff: null,
      },
    ]);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const response = await fetch(`/api/v1/conversations/${encodeURIComponent(id)}/messages`, {
        method: 'POST',
        credentials: 'same-origin',
        signal: controller.signal,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          'X-Workspace-Id': workspace.id,
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify({ content: text }),
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
        throw new ApiError(
          response.status,
          body?.error.code ?? 'http_error',
          body?.error.message ?? `The server answered ${response.status}.`,
          body?.error.requestId,
          body?.error.details,
        );
      }
      let finished = false;
      for await (const event of readSse(response.body)) {
        if (event.event === 'token') patch(answerId, (t) => ({ text: t.text + (event.data as { text: string }).text }));
        else if (event.event === 'citation')
          patch(answerId, (t) => ({ citations: [...t.citations, event.data as Citation] }));
        else if (event.event === 'tool')
          patch(answerId, (t) => ({ tools: mergeToolEvent(t.tools, event.data as ToolCall) }));
        else if (event.event === 'handoff') {
          patch(answerId, () => ({ handoff: { reason: (event.data as { reason: string }).reason } }));
          setConversationStatus('pending_human');
        } else if (event.event === 'done') {
          const done = event.data as DoneData;
          finished = true;
          // The stored answer is the truth (a replay sends it whole).
          patch(answerId, (t) => ({
            state: 'done',
            done,
            text: done.content || t.text,
            citations: done.citations.length ? done.citations : t.citations,
          }));
          setConversationStatus(done.conversationStatus);
        } else if (event.event === 'error') {
          finished = true;
          const data = event.data as { code: string; message: string };
          patch(answerId, () => ({ state: 'failed', error: { code: data.code, message: data.message } }));
        }
      }
      if (!finished)
        patch(answerId, () => ({
          state: 'failed',
          error: {
            code: 'stream_ended',
            message: 'The connection closed before the answer finished. Your message was kept; try again.',
          },
        }));
    } catch (error) {
      if (controller.signal.aborted) patch(answerId, () => ({ state: 'stopped' }));
      else
        patch(answerId, () => ({
          state: 'failed',
          error: { code: error instanceof ApiError ? error.code : 'network_error', message: errorMessage(error) },
        }));
    } finally {
      if (abort.current === controller) abort.current = null;
      setBusy(false);
    }
  };

  const stop = () => abort.current?.abort();

  return { turns, send, stop, reset, busy, conversationStatus, startError };
}
