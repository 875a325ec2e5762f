import { stepCountIs, streamText, tool, zodSchema, type ToolSet } from 'ai';
import type { AttemptControl } from './attempt-control';
import { LlmError, providerLabel, toLlmError } from './errors';
import { languageModel } from './providers';
import { countTokens, MESSAGE_OVERHEAD_TOKENS, messageTokens } from './tokens';
import type { ChatEvent, ChatRequest, ChatTool, ChatUsage, ModelTarget } from './types';

export const DEFAULT_MAX_STEPS = 4;

/** What one attempt yields: the caller's events, then how the model finished. */
export type AttemptEvent =
  | Exclude<ChatEvent, { type: 'finish' } | { type: 'error' }>
  | { type: 'attempt-finish'; usage: ChatUsage; finishReason: string };

/**
 * The SDK's schema for a tool's input, made once per schema object: the SDK converts it to JSON
 * Schema on first use and keeps the result, instead of converting on every call.
 */
const sdkSchemas = new WeakMap<ChatTool['inputSchema'], ReturnType<typeof zodSchema>>();
function sdkSchema(schema: ChatTool['inputSchema']) {
  let known = sdkSchemas.get(schema);
  if (!known) sdkSchemas.set(schema, (known = zodSchema(schema)));
  return known;
}

function sdkTools(tools: Record<string, ChatTool> | undefined): ToolSet | undefined {
  if (!tools || Object.keys(tools).length === 0) return undefined;
  return Object.fromEntries(
    Object.entries(tools).map(([name, t]) => [
      name,
      tool({
        description: t.description,
        inputSchema: sdkSchema(t.inputSchema),
        execute: (input: unknown, options) => t.execute(input, { abortSignal: options.abortSignal }),
      }),
    ]),
  );
}

/** Usage as reported, or estimated when a (local) server reports none (or never got to say). */
export function usageOf(
  reported: { inputTokens: number | undefined; outputTokens: number | undefined },
  request: ChatRequest,
  outputText: string,
): ChatUsage {
  return {
    inputTokens:
      reported.inputTokens ?? countTokens(request.system) + MESSAGE_OVERHEAD_TOKENS + request.messages.reduce((n, m) => n + messageTokens(m), 0),
    outputTokens: reported.outputTokens ?? countTokens(outputText),
  };
}

/**
 * One try at a model call through the AI SDK, translated to ChatEvents. Throws an
 * LlmError when it fails; when the control was pulled (timeout, client gone), the
 * control's reason is the error, whatever the stream reported on its way down.
 */
export async function* runAttempt(target: ModelTarget, request: ChatRequest, control: AttemptControl): AsyncGenerator<AttemptEvent> {
  const provider = target.provider;
  const fail = (error: unknown): LlmError => control.failure ?? toLlmError(error, provider);
  let finished: AttemptEvent | undefined;
  let outputText = '';
  try {
    const result = streamText({
      model: languageModel(target, control.fetch),
      system: request.system,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      tools: sdkTools(request.tools),
      stopWhen: stepCountIs(request.maxSteps ?? DEFAULT_MAX_STEPS),
      temperature: request.temperature,
      maxOutputTokens: request.maxOutputTokens,
      maxRetries: 0,
      abortSignal: control.signal,
      // Errors are read from the stream below; the default handler would print them.
      onError: () => {},
    });
    control.armFirstToken();
    for await (const part of result.fullStream) {
      switch (part.type) {
        case 'text-delta':
          control.clearFirstToken();
          if (part.text) {
            outputText += part.text;
            yield { type: 'text', delta: part.text };
          }
          break;
        case 'reasoning-delta':
        case 'tool-input-start':
        case 'tool-input-delta':
          // The model is producing: the first-token wait is over, though nothing is shown yet.
          control.clearFirstToken();
          break;
        case 'tool-call':
          control.clearFirstToken();
          yield { type: 'tool-call', id: part.toolCallId, name: part.toolName, input: part.input };
          break;
        case 'tool-result':
          yield { type: 'tool-result', id: part.toolCallId, name: part.toolName, output: part.output };
          break;
        case 'tool-error':
          yield {
            type: 'tool-result',
            id: part.toolCallId,
            name: part.toolName,
            output: { error: part.error instanceof Error ? part.error.message : 'The tool failed.' },
          };
          break;
        case 'finish-step':
          // Tools have run; the next step is a new request that gets its own first-token wait.
          if (part.finishReason === 'tool-calls') control.armFirstToken();
          break;
        case 'finish':
          control.clearFirstToken();
          finished = { type: 'attempt-finish', usage: usageOf(part.totalUsage, request, outputText), finishReason: part.finishReason };
          break;
        case 'error':
          throw fail(part.error);
        case 'abort':
          throw fail(new DOMException('aborted', 'AbortError'));
        default:
          break;
      }
    }
  } catch (error) {
    throw fail(error);
  } finally {
    control.clearFirstToken();
  }
  if (!finished) {
    throw control.failure ?? new LlmError({ kind: 'dropped', provider, message: `${providerLabel(provider)} ended the answer without finishing it.` });
  }
  yield finished;
}
