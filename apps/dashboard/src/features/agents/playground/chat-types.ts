import type { ChatTurnEvent } from '@switchboard/contract/chat';
import type { Schema } from '../../../lib/client';

// The answer's shapes are the server's, from the API contract; only the page's own turn state
// is declared here.
export type Citation = Schema<'Citation'>;
/** The `done` event's data (the chat API's finished answer). */
export type DoneData = Schema<'Answer'>;
export type ConversationStatus = DoneData['conversationStatus'];
/** A `tool` event: `{name, input}` when called, then `{name, input, output}` with the result. */
export type ToolCall = Extract<ChatTurnEvent, { event: 'tool' }>['data'];

export interface UserTurn {
  id: string;
  role: 'user';
  text: string;
}

export interface AssistantTurn {
  id: string;
  role: 'assistant';
  text: string;
  /** streaming until `done`; stopped when this page aborted it; failed on `error` or a broken stream. */
  state: 'streaming' | 'done' | 'stopped' | 'failed';
  citations: Citation[];
  tools: ToolCall[];
  done: DoneData | null;
  error: { code: string; message: string } | null;
  handoff: { reason: string } | null;
}

export type Turn = UserTurn | AssistantTurn;

/** `tool` events come as {name, input} when called, then {name, input, output} with the result. */
export function mergeToolEvent(tools: ToolCall[], event: ToolCall): ToolCall[] {
  if (event.output !== undefined) {
    const open = tools.findIndex(
      (t) => t.output === undefined && t.name === event.name && JSON.stringify(t.input) === JSON.stringify(event.input),
    );
    if (open >= 0) return tools.map((t, i) => (i === open ? event : t));
  }
  return [...tools, event];
}
