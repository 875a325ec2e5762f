/**
 * What a test tells the scripted model server to answer. One script is one HTTP response;
 * the same script renders in the OpenAI or the Anthropic wire format depending on the
 * route the client called, so a test can be written once for both formats.
 */
export interface ScriptedToolCall {
  /** Defaults to `call_<n>` (OpenAI) or `toolu_<n>` (Anthropic). */
  id?: string;
  name: string;
  /** An object (serialised for the wire) or a raw JSON string. Streamed in small pieces. */
  arguments: unknown;
}

export interface ModelScript {
  /** Text chunks, one streamed delta each (joined for the non-streaming form). */
  text?: string[];
  /** One or more tool calls, streamed after the text. */
  toolCall?: ScriptedToolCall | ScriptedToolCall[];
  /** Reported usage; estimated from the request and the chunks when absent. */
  usage?: { inputTokens: number; outputTokens: number };
  /** Leave the usage chunk out even when asked for (servers that ignore `include_usage`). */
  omitUsage?: boolean;
  /** Provider-native finish reason; derived from the content when absent. */
  finishReason?: string;
  /** Answer with this HTTP error status instead of a completion. */
  status?: number;
  /** Retry-After header (seconds) sent with `status`. */
  retryAfter?: number;
  /** Replaces the provider-shaped error body sent with `status`. */
  errorBody?: unknown;
  /** Wait before sending the response headers (a server that accepts but does not answer). */
  headersDelayMs?: number;
  /** Wait after the headers before the first chunk (a slow first token). */
  firstTokenDelayMs?: number;
  /** Wait between chunks; overrides the server's default token delay. */
  tokenDelayMs?: number;
  /** Destroy the socket after this many content chunks (a dropped stream). */
  dropAfter?: number;
  /** Send a chunk that is not JSON: `true` before the first content chunk, a number after that many. */
  malformed?: boolean | number;
}

/** What the scripted server understood of a chat request, in either format. */
export interface ChatCall {
  format: 'openai' | 'anthropic';
  model: string;
  stream: boolean;
  /** Whether an OpenAI client asked for the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
  /** Every message flattened to its text (tool results included), system first when given. */
  messages: Array<{ role: string; text: string }>;
  toolNames: string[];
  /** The text of the last user message ('' when none). */
  lastUserText: string;
  /** Whether the last message carries tool results (the follow-up of a tool call). */
  afterToolResult: boolean;
}

export type DefaultResponder = (call: ChatCall) => ModelScript;

/** Echoes the last user message word by word; after a tool result it reports the result. */
export const echoResponder: DefaultResponder = (call) => {
  if (call.afterToolResult) {
    const last = call.messages[call.messages.length - 1]?.text ?? '';
    return { text: splitWords(`Tool result: ${last}`) };
  }
  return { text: splitWords(`You said: ${call.lastUserText}`) };
};

/** "a b c" → ["a", " b", " c"]: one chunk per word, as models stream. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [text];
}

export function toolCallsOf(script: ModelScript): ScriptedToolCall[] {
  if (!script.toolCall) return [];
  return Array.isArray(script.toolCall) ? script.toolCall : [script.toolCall];
}

export function argumentsJson(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
}

/** Splits a JSON string into a few pieces so clients must reassemble incremental arguments. */
export function jsonPieces(json: string, size = 8): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
  return pieces.length > 0 ? pieces : [''];
}

/** A rough token count (≈ 4 characters per token) for the usage a script leaves out. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function estimatedUsage(call: ChatCall, script: ModelScript): { inputTokens: number; outputTokens: number } {
  if (script.usage) return script.usage;
  const input = call.messages.reduce((sum, m) => sum + roughTokens(m.text) + 3, 0);
  const output =
    (script.text?.length ?? 0) + toolCallsOf(script).reduce((s, c) => s + roughTokens(argumentsJson(c)), 0);
  return { inputTokens: input, outputTokens: Math.max(1, output) };
}
