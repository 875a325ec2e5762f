import { sseFrame, type Frame } from './frames';
import { argumentsJson, estimatedUsage, jsonPieces, toolCallsOf, type ChatCall, type ModelScript } from './script';

/** OpenAI Chat Completions (`POST /v1/chat/completions`), as the official API speaks it. */
type Json = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof (part as Json)?.text === 'string' ? ((part as Json).text as string) : ''))
      .join('');
  }
  return '';
}

export function parseOpenAIChat(body: Json): ChatCall {
  const raw = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const messages = raw.map((m) => ({ role: String(m.role ?? ''), text: textOf(m.content) }));
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  return {
    format: 'openai',
    model: String(body.model ?? ''),
    stream: body.stream === true,
    includeUsage: (body.stream_options as Json | undefined)?.include_usage === true,
    messages,
    toolNames: tools.map((t) => String((t.function as Json | undefined)?.name ?? '')),
    lastUserText: lastUser?.text ?? '',
    afterToolResult: messages[messages.length - 1]?.role === 'tool',
  };
}

function finishReasonOf(script: ModelScript): string {
  return script.finishReason ?? (toolCallsOf(script).length > 0 ? 'tool_calls' : 'stop');
}

function usageOf(call: ChatCall, script: ModelScript) {
  const usage = estimatedUsage(call, script);
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export function openAIStreamFrames(call: ChatCall, script: ModelScript, id: string): Frame[] {
  const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: call.model };
  const chunk = (delta: Json, finishReason: string | null = null): string =>
    sseFrame({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const frames: Frame[] = [{ data: chunk({ role: 'assistant', content: '' }), content: false }];
  for (const text of script.text ?? []) frames.push({ data: chunk({ content: text }), content: true });
  toolCallsOf(script).forEach((tool, index) => {
    const toolId = tool.id ?? `call_${id}_${index}`;
    frames.push({
      data: chunk({
        tool_calls: [{ index, id: toolId, type: 'function', function: { name: tool.name, arguments: '' } }],
      }),
      content: true,
    });
    for (const piece of jsonPieces(argumentsJson(tool))) {
      frames.push({ data: chunk({ tool_calls: [{ index, function: { arguments: piece } }] }), content: true });
    }
  });
  frames.push({ data: chunk({}, finishReasonOf(script)), content: false });
  if (call.includeUsage && !script.omitUsage)
    frames.push({ data: sseFrame({ ...base, choices: [], usage: usageOf(call, script) }), content: false });
  frames.push({ data: 'data: [DONE]\n\n', content: false });
  return frames;
}

export function openAICompletion(call: ChatCall, script: ModelScript, id: string): Json {
  const tools = toolCallsOf(script).map((tool, index) => ({
    id: tool.id ?? `call_${id}_${index}`,
    type: 'function',
    function: { name: tool.name, arguments: argumentsJson(tool) },
  }));
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: call.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: (script.text ?? []).join('') || null,
          ...(tools.length > 0 ? { tool_calls: tools } : {}),
        },
        logprobs: null,
        finish_reason: finishReasonOf(script),
      },
    ],
    usage: usageOf(call, script),
  };
}

const OPENAI_ERROR_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'invalid_request'],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['invalid_request_error', 'permission_denied'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['rate_limit_error', 'rate_limit_exceeded'],
};

/**
 * An error body like OpenAI's. The 401 body echoes the key it was sent, as some
 * providers and proxies do, so tests can prove the key never travels further.
 */
export function openAIError(status: number, presentedKey: string | undefined): Json {
  const [type, code] = OPENAI_ERROR_TYPES[status] ?? ['server_error', 'server_error'];
  const message =
    status === 401 ? `Incorrect API key provided: ${presentedKey ?? '(none)'}.` : `Scripted error ${status} (${code}).`;
  return { error: { message, type, param: null, code } };
}
