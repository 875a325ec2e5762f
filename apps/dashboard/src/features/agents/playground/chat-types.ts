export interface Citation {
  index: number;
  sourceId: string;
  chunkId: string;
  title: string;
  url: string | null;
  page: number | null;
  anchor: string | null;
  snippet: string;
  score: number;
}

export interface ToolCall {
  name: string;
  input: unknown;
  output?: unknown;
}

export type ConversationStatus = 'bot' | 'pending_human' | 'human' | 'closed';

/** The `done` event's data (the chat API's finished answer). */
export interface DoneData {
  conversationId: string;
  userMessageId: string;
  messageId: string | null;
  status: 'complete' | 'interrupted' | 'error' | 'queued_for_human';
  conversationStatus: ConversationStatus;
  content: string;
  citations: Citation[];
  usage: { tokensIn: number; tokensOut: number; costUsd: number };
  model: string | null;
  latencyMs: number | null;
  offerHuman: boolean;
}

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
