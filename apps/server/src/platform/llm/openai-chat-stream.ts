import {
  APICallError,
  JSONParseError,
  TypeValidationError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3FinishReason,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { generateId, StreamingToolCallTracker } from '@ai-sdk/provider-utils';
import type { AttemptControl } from './attempt-control';
import { openModelStream } from './model-http';
import { languageModel } from './providers';
import type { ModelTarget } from './types';

/*
 * OpenAI Chat Completions streams, read here rather than by the provider package.
 *
 * The AI SDK's OpenAI provider still builds and sends the request (model rules, messages,
 * tools, `stream_options`) and still turns an error response (4xx/5xx) into its APICallError;
 * tool-call deltas are still assembled by the SDK's own StreamingToolCallTracker. What is done
 * here is reading a successful stream: the SDK pipes every chunk through five web streams
 * (TextDecoderStream, the SSE parser, JSON parsing with a zod check, a tee for early errors,
 * the provider's transform) after fetch's own web stream. That was the largest share of the
 * server's CPU per streamed answer, several times what reading the same bytes from node:http
 * (model-http.ts) and parsing them in place costs (the chat bench reports CPU per answer;
 * ARCHITECTURE.md, Model calls). The parts produced are the ones the provider produces, in the
 * same order, so the tool loop above cannot tell.
 */

/** Thrown by the fetch handed to the provider once a stream has opened: doStream stops there. */
class StreamOpened extends Error {
  constructor(
    readonly body: AsyncIterable<string>,
    readonly url: string,
  ) {
    super('The model stream opened.');
    this.name = 'StreamOpened';
  }
}

/** The provider's doStream, with the successful stream read by `chatParts` below. */
export async function openAIChatStream(
  target: ModelTarget,
  options: LanguageModelV3CallOptions,
  control: AttemptControl,
): Promise<AsyncIterable<LanguageModelV3StreamPart>> {
  // Error responses go back to the provider, so its error handling (and message) stays the SDK's.
  const openingFetch: typeof globalThis.fetch = async (input, init) => {
    const opened = await openModelStream(target, String(input), init, control);
    if (!opened.ok) return opened.response;
    throw new StreamOpened(opened.body, String(input));
  };
  const model = languageModel(target, openingFetch) as LanguageModelV3;
  try {
    // Resolves only if the provider answered without calling fetch (it never does).
    return (await model.doStream(options)).stream;
  } catch (error) {
    if (error instanceof StreamOpened) return chatParts(error.body, error.url);
    throw error;
  }
}

/** Wire chunk of `chat.completion.chunk`, as far as the parts need it. */
interface ChatChunk {
  choices: Array<{
    finish_reason?: string | null;
    delta?: {
      content?: string | null;
      refusal?: string | null;
      tool_calls?: Array<{
        index?: number;
        id?: string | null;
        type?: string | null;
        function?: { name?: string | null; arguments?: string | null } | null;
      }> | null;
      annotations?: unknown[] | null;
    } | null;
  }>;
  usage?: {
    prompt_tokens?: number | null;
    completion_tokens?: number | null;
    prompt_tokens_details?: { cached_tokens?: number | null } | null;
    completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  } | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The provider's finish reason mapping (mapOpenAIFinishReason). */
function finishReasonOf(raw: string | undefined, hasRefusal: boolean): LanguageModelV3FinishReason {
  if (raw === undefined) return { unified: 'other', raw: undefined };
  const unified: LanguageModelV3FinishReason['unified'] =
    raw === 'stop'
      ? hasRefusal
        ? 'content-filter'
        : 'stop'
      : raw === 'length'
        ? 'length'
        : raw === 'content_filter'
          ? 'content-filter'
          : raw === 'tool_calls' || raw === 'function_call'
            ? 'tool-calls'
            : 'other';
  return { unified, raw };
}

/** The provider's usage conversion (convertOpenAIChatUsage). */
function usageOf(usage: ChatChunk['usage']): LanguageModelV3Usage {
  if (!usage) {
    return {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
      raw: undefined,
    };
  }
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  return {
    inputTokens: { total: prompt, noCache: prompt - cached, cacheRead: cached, cacheWrite: undefined },
    outputTokens: { total: completion, text: completion - reasoning, reasoning },
    raw: usage as never,
  };
}

/** An error frame before any output fails the call as the provider would (a status from its code). */
function streamError(frame: unknown, url: string): APICallError {
  const error = isRecord(frame) && isRecord(frame.error) ? frame.error : isRecord(frame) ? frame : {};
  const code = typeof error.code === 'string' || typeof error.code === 'number' ? error.code : undefined;
  const type = typeof error.type === 'string' ? error.type : undefined;
  const numeric = Number(code);
  const words = [code, type]
    .filter((v) => v !== undefined)
    .join(' ')
    .toLowerCase();
  const statusCode =
    Number.isInteger(numeric) && numeric >= 400 && numeric <= 599
      ? numeric
      : /insufficient_quota|rate_limit/.test(words)
        ? 429
        : words.includes('authentication')
          ? 401
          : words.includes('permission')
            ? 403
            : words.includes('not_found')
              ? 404
              : /invalid|bad_request|context_length/.test(words)
                ? 400
                : words.includes('overload')
                  ? 503
                  : words.includes('timeout')
                    ? 504
                    : 500;
  const quota = code === 'insufficient_quota' || type === 'insufficient_quota';
  return new APICallError({
    message: 'The model stream failed before any output.',
    url,
    requestBodyValues: undefined,
    statusCode,
    data: { error },
    isRetryable: !quota && (statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500),
  });
}

/**
 * The stream's parts, as the text arrives: SSE lines (`data:` fields, events ended by a blank
 * line, `[DONE]` ignored), each event's JSON checked for the fields used, then translated as
 * the provider's transform does: text (and refusal) deltas, tool calls through the tracker,
 * the finish with its reason and usage. A chunk that is not JSON or not a chunk is an error
 * part (the provider's JSONParseError / TypeValidationError), so it reads as a malformed stream.
 */
async function* chatParts(body: AsyncIterable<string>, url: string): AsyncGenerator<LanguageModelV3StreamPart> {
  const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  const tracker = new StreamingToolCallTracker(
    { enqueue: (part: LanguageModelV3StreamPart) => void parts.push(part) },
    { generateId, typeValidation: 'if-present' },
  );
  let pending = '';
  let data: string[] = [];
  let output = false;
  let activeText = false;
  let hasRefusal = false;
  let rawFinish: string | undefined;
  let failed = false;
  let usage: ChatChunk['usage'];

  const text = (delta: string) => {
    if (!activeText) parts.push({ type: 'text-start', id: '0' });
    activeText = true;
    parts.push({ type: 'text-delta', id: '0', delta });
  };

  const onEvent = (payload: string) => {
    if (payload === '[DONE]') return;
    let value: unknown;
    try {
      value = JSON.parse(payload);
    } catch (cause) {
      failed = true;
      parts.push({ type: 'error', error: new JSONParseError({ text: payload, cause }) });
      return;
    }
    if (isRecord(value) && 'error' in value) {
      if (!output) throw streamError(value.error, url);
      failed = true;
      parts.push({ type: 'error', error: value.error });
      return;
    }
    if (!isRecord(value) || !Array.isArray(value.choices)) {
      failed = true;
      parts.push({
        type: 'error',
        error: new TypeValidationError({ value, cause: new Error('Not a chat.completion.chunk') }),
      });
      return;
    }
    const chunk = value as unknown as ChatChunk;
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (typeof choice?.finish_reason === 'string') rawFinish = choice.finish_reason;
    const delta = choice?.delta;
    if (!delta) return;
    const content = typeof delta.content === 'string' ? delta.content : '';
    const refusal = typeof delta.refusal === 'string' ? delta.refusal : '';
    if (content) text(content);
    if (refusal) {
      hasRefusal = true;
      text(refusal);
    }
    // The role chunk's empty content is a delta too (the provider sends it; it ends the first-token wait).
    if (!content && !refusal && delta.content === '') text('');
    if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) tracker.processDelta(call);
    if (content || refusal || (delta.tool_calls?.length ?? 0) > 0 || (delta.annotations?.length ?? 0) > 0)
      output = true;
  };

  const reader = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { value, done } = await reader.next();
      if (done) break;
      pending += value;
      let start = 0;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        const line = pending.charCodeAt(end - 1) === 13 ? pending.slice(start, end - 1) : pending.slice(start, end);
        start = end + 1;
        if (line === '') {
          if (data.length > 0) onEvent(data.join('\n'));
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
        }
        // Other fields (event, id, retry) and comments carry nothing in this format.
      }
      pending = pending.slice(start);
      for (const part of parts) yield part;
      parts.length = 0;
    }
    if (activeText) parts.push({ type: 'text-end', id: '0' });
    tracker.flush();
    parts.push({
      type: 'finish',
      finishReason: failed ? { unified: 'error', raw: undefined } : finishReasonOf(rawFinish, hasRefusal),
      usage: usageOf(usage),
    });
    for (const part of parts) yield part;
  } finally {
    // Stopped early (the caller broke off, or a throw above): close the response.
    await reader.return?.();
  }
}
