import type {
  LanguageModelV3,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3ToolResultOutput,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from '@ai-sdk/provider';
import { zodSchema } from 'ai';
import type { AttemptControl } from './attempt-control';
import { LlmError, providerLabel, toLlmError } from './errors';
import { openAIChatStream } from './openai-chat-stream';
import { languageModel } from './providers';
import { countTokens, MESSAGE_OVERHEAD_TOKENS, messageTokens } from './tokens';
import type { ChatEvent, ChatRequest, ChatTool, ChatUsage, ModelTarget } from './types';

export const DEFAULT_MAX_STEPS = 4;

/** What one attempt yields: the caller's events, then how the model finished. */
export type AttemptEvent =
  | Exclude<ChatEvent, { type: 'finish' } | { type: 'error' }>
  | { type: 'attempt-finish'; usage: ChatUsage; finishReason: string };

/*
 * The tool loop runs here, over the provider's `doStream` (the AI SDK's provider interface),
 * rather than through `streamText`. The provider packages still build the request, parse and
 * validate the wire format and report errors; what is skipped is streamText's stack of
 * transform streams per chunk (step stitching, output parsing, tool transformation, a tee per
 * consumer), which was the largest share of the server's CPU per streamed answer. What
 * streamText did that we rely on is done below the same way: prompt in the provider's form,
 * tool input parsed and validated against the tool's schema, tool results (and tool errors, as
 * text) sent back in the next step, usage summed over the steps, stop at the step cap.
 */

/** A tool's JSON Schema, converted once per schema object (it is the same object every call). */
const jsonSchemas = new WeakMap<ChatTool['inputSchema'], Promise<LanguageModelV3FunctionTool['inputSchema']>>();
function jsonSchemaOf(schema: ChatTool['inputSchema']) {
  let known = jsonSchemas.get(schema);
  if (!known) jsonSchemas.set(schema, (known = Promise.resolve(zodSchema(schema).jsonSchema)));
  return known;
}

async function providerTools(
  tools: Record<string, ChatTool> | undefined,
): Promise<LanguageModelV3FunctionTool[] | undefined> {
  const entries = Object.entries(tools ?? {});
  if (entries.length === 0) return undefined;
  return Promise.all(
    entries.map(async ([name, t]) => ({
      type: 'function' as const,
      name,
      description: t.description,
      inputSchema: t.jsonSchema
        ? (t.jsonSchema as LanguageModelV3FunctionTool['inputSchema'])
        : await jsonSchemaOf(t.inputSchema),
    })),
  );
}

function providerPrompt(request: ChatRequest): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [];
  if (request.system) prompt.push({ role: 'system', content: request.system });
  for (const m of request.messages) prompt.push({ role: m.role, content: [{ type: 'text', text: m.content }] });
  return prompt;
}

/** Usage as reported, or estimated when a (local) server reports none (or never got to say). */
export function usageOf(
  reported: { inputTokens: number | undefined; outputTokens: number | undefined },
  request: ChatRequest,
  outputText: string,
): ChatUsage {
  return {
    inputTokens:
      reported.inputTokens ??
      countTokens(request.system) +
        MESSAGE_OVERHEAD_TOKENS +
        request.messages.reduce((n, m) => n + messageTokens(m), 0),
    outputTokens: reported.outputTokens ?? countTokens(outputText),
  };
}

/** Adds a step's usage; a count stays unknown only while no step has reported it. */
function addUsage(
  total: { inputTokens: number | undefined; outputTokens: number | undefined },
  step: LanguageModelV3Usage,
) {
  const add = (a: number | undefined, b: number | undefined) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  total.inputTokens = add(total.inputTokens, step.inputTokens.total);
  total.outputTokens = add(total.outputTokens, step.outputTokens.total);
}

interface ToolRun {
  id: string;
  name: string;
  input: unknown;
  providerMetadata: SharedV3ProviderMetadata | undefined;
  /** What the tool returned, or why it did not run (sent to the model as error text). */
  outcome: Promise<{ ok: true; output: unknown } | { ok: false; message: string }>;
}

/** Parses and validates a tool call's input, then starts the tool (the model's next step waits for it). */
function startTool(
  part: Extract<LanguageModelV3StreamPart, { type: 'tool-call' }>,
  tools: Record<string, ChatTool> | undefined,
  signal: AbortSignal,
): ToolRun {
  const run = (input: unknown, outcome: ToolRun['outcome']): ToolRun => ({
    id: part.toolCallId,
    name: part.toolName,
    input,
    providerMetadata: part.providerMetadata,
    outcome,
  });
  const failed = (message: string) => Promise.resolve({ ok: false as const, message });
  let raw: unknown;
  try {
    raw = part.input.trim() === '' ? {} : JSON.parse(part.input);
  } catch {
    return run(part.input, failed(`The input for tool ${part.toolName} is not valid JSON.`));
  }
  const tool = tools?.[part.toolName];
  if (!tool) return run(raw, failed(`There is no tool named ${part.toolName}.`));
  const parsed = tool.inputSchema.safeParse(raw);
  if (!parsed.success)
    return run(raw, failed(`The input for tool ${part.toolName} does not fit its schema: ${parsed.error.message}`));
  const outcome = (async () => {
    try {
      return { ok: true as const, output: await tool.execute(parsed.data, { abortSignal: signal }) };
    } catch (error) {
      return { ok: false as const, message: error instanceof Error ? error.message : 'The tool failed.' };
    }
  })();
  return run(parsed.data, outcome);
}

const modelOutput = (output: unknown): LanguageModelV3ToolResultOutput =>
  typeof output === 'string' ? { type: 'text', value: output } : { type: 'json', value: (output ?? null) as never };

/**
 * One try at a model call (its tool loop included), translated to ChatEvents. Throws an
 * LlmError when it fails; when the control was pulled (timeout, client gone), the
 * control's reason is the error, whatever the stream reported on its way down.
 */
export async function* runAttempt(
  target: ModelTarget,
  request: ChatRequest,
  control: AttemptControl,
): AsyncGenerator<AttemptEvent> {
  const provider = target.provider;
  const fail = (error: unknown): LlmError => control.failure ?? toLlmError(error, provider);
  const maxSteps = request.maxSteps ?? DEFAULT_MAX_STEPS;
  const usage = { inputTokens: undefined as number | undefined, outputTokens: undefined as number | undefined };
  let outputText = '';
  try {
    // OpenAI's streams are read by openai-chat-stream.ts (the provider still builds the request).
    const model =
      target.provider === 'openai' ? null : (languageModel(target, control.fetchFor(target)) as LanguageModelV3);
    const tools = await providerTools(request.tools);
    const prompt = providerPrompt(request);
    for (let step = 1; ; step += 1) {
      control.armFirstToken();
      const options = {
        prompt,
        tools,
        ...(tools && { toolChoice: { type: 'auto' as const } }),
        temperature: request.temperature,
        maxOutputTokens: request.maxOutputTokens,
        abortSignal: control.signal,
      };
      const stream = model ? (await model.doStream(options)).stream : await openAIChatStream(target, options, control);
      let stepText = '';
      const reasoning: Array<{ text: string; providerMetadata?: SharedV3ProviderMetadata }> = [];
      const toolRuns: ToolRun[] = [];
      let finishReason: string | undefined;
      for await (const part of stream) {
        switch (part.type) {
          case 'text-delta':
            control.clearFirstToken();
            if (part.delta) {
              stepText += part.delta;
              outputText += part.delta;
              yield { type: 'text', delta: part.delta };
            }
            break;
          case 'reasoning-start':
            reasoning.push({ text: '' });
            break;
          case 'reasoning-delta':
            control.clearFirstToken();
            if (reasoning.length === 0) reasoning.push({ text: '' });
            reasoning[reasoning.length - 1]!.text += part.delta;
            break;
          case 'reasoning-end':
            // Providers that sign their reasoning (Anthropic) want the signature back with it.
            if (reasoning.length > 0 && part.providerMetadata)
              reasoning[reasoning.length - 1]!.providerMetadata = part.providerMetadata;
            break;
          case 'tool-input-start':
          case 'tool-input-delta':
            // The model is producing: the first-token wait is over, though nothing is shown yet.
            control.clearFirstToken();
            break;
          case 'tool-call': {
            control.clearFirstToken();
            const toolRun = startTool(part, request.tools, control.signal);
            toolRuns.push(toolRun);
            yield { type: 'tool-call', id: toolRun.id, name: toolRun.name, input: toolRun.input };
            break;
          }
          case 'finish':
            control.clearFirstToken();
            addUsage(usage, part.usage);
            finishReason = part.finishReason.unified;
            break;
          case 'error':
            throw fail(part.error);
          default:
            break;
        }
      }
      if (finishReason === undefined) {
        throw (
          control.failure ??
          new LlmError({
            kind: 'dropped',
            provider,
            message: `${providerLabel(provider)} ended the answer without finishing it.`,
          })
        );
      }
      const results: Array<{ run: ToolRun; output: LanguageModelV3ToolResultOutput }> = [];
      for (const toolRun of toolRuns) {
        const outcome = await toolRun.outcome;
        yield {
          type: 'tool-result',
          id: toolRun.id,
          name: toolRun.name,
          output: outcome.ok ? outcome.output : { error: outcome.message },
        };
        results.push({
          run: toolRun,
          output: outcome.ok ? modelOutput(outcome.output) : { type: 'error-text', value: outcome.message },
        });
      }
      if (finishReason !== 'tool-calls' || toolRuns.length === 0 || step >= maxSteps) {
        yield { type: 'attempt-finish', usage: usageOf(usage, request, outputText), finishReason };
        return;
      }
      // The next step sees this one as the model said it, and the tools' results.
      const assistant: LanguageModelV3Message = {
        role: 'assistant',
        content: [
          ...reasoning.map((r) => ({
            type: 'reasoning' as const,
            text: r.text,
            ...(r.providerMetadata && { providerOptions: r.providerMetadata }),
          })),
          ...(stepText ? [{ type: 'text' as const, text: stepText }] : []),
          ...toolRuns.map((r) => ({
            type: 'tool-call' as const,
            toolCallId: r.id,
            toolName: r.name,
            input: r.input,
            ...(r.providerMetadata && { providerOptions: r.providerMetadata }),
          })),
        ],
      };
      prompt.push(assistant, {
        role: 'tool',
        content: results.map(({ run, output }) => ({
          type: 'tool-result' as const,
          toolCallId: run.id,
          toolName: run.name,
          output,
        })),
      });
    }
  } catch (error) {
    throw fail(error);
  } finally {
    control.clearFirstToken();
  }
}
