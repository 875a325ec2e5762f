import { sseFrame, type Frame } from './frames';
import { argumentsJson, estimatedUsage, jsonPieces, toolCallsOf, type ChatCall, type ModelScript } from './script';

/** Anthropic Messages (`POST /v1/messages`), as the official API speaks it. */
type Json = Record<string, unknown>;

function blockText(block: Json): string {
  if (block.type === 'text' && typeof block.text === 'string') return block.text;
  if (block.type === 'tool_result') return contentText(block.content);
  return '';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((b) => blockText(b as Json)).join('');
  return '';
}

export function parseAnthropicMessages(body: Json): ChatCall {
  const raw = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const system = contentText(body.system);
  const messages = [
    ...(system ? [{ role: 'system', text: system }] : []),
    ...raw.map((m) => ({ role: String(m.role ?? ''), text: contentText(m.content) })),
  ];
  const last = raw[raw.length - 1];
  const afterToolResult =
    last?.role === 'user' &&
    Array.isArray(last.content) &&
    (last.content as Json[]).some((b) => b.type === 'tool_result');
  const lastUser = [...raw]
    .reverse()
    .find(
      (m) =>
        m.role === 'user' &&
        contentText(m.content) !== '' &&
        !(Array.isArray(m.content) && (m.content as Json[]).some((b) => b.type === 'tool_result')),
    );
  const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  return {
    format: 'anthropic',
    model: String(body.model ?? ''),
    stream: body.stream === true,
    includeUsage: true,
    messages,
    toolNames: tools.map((t) => String(t.name ?? '')),
    lastUserText: lastUser ? contentText(lastUser.content) : '',
    afterToolResult,
  };
}

function stopReasonOf(script: ModelScript): string {
  return script.finishReason ?? (toolCallsOf(script).length > 0 ? 'tool_use' : 'end_turn');
}

export function anthropicStreamFrames(call: ChatCall, script: ModelScript, id: string): Frame[] {
  const usage = estimatedUsage(call, script);
  const event = (type: string, data: Json, content = false): Frame => ({
    data: sseFrame({ type, ...data }, type),
    content,
  });
  const frames: Frame[] = [
    event('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        content: [],
        model: call.model,
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.inputTokens, output_tokens: 1 },
      },
    }),
  ];
  let index = 0;
  if (script.text && script.text.length > 0) {
    frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    frames.push(event('ping', {}));
    for (const text of script.text) {
      frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }, true));
    }
    frames.push(event('content_block_stop', { index }));
    index += 1;
  }
  toolCallsOf(script).forEach((tool, n) => {
    const toolId = tool.id ?? `toolu_${id}_${n}`;
    frames.push(
      event(
        'content_block_start',
        { index, content_block: { type: 'tool_use', id: toolId, name: tool.name, input: {} } },
        true,
      ),
    );
    for (const piece of jsonPieces(argumentsJson(tool))) {
      frames.push(
        event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }, true),
      );
    }
    frames.push(event('content_block_stop', { index }));
    index += 1;
  });
  frames.push(
    event('message_delta', {
      delta: { stop_reason: stopReasonOf(script), stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
  );
  frames.push(event('message_stop', {}));
  return frames;
}

export function anthropicMessage(call: ChatCall, script: ModelScript, id: string): Json {
  const usage = estimatedUsage(call, script);
  const text = (script.text ?? []).join('');
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: call.model,
    content: [
      ...(text ? [{ type: 'text', text }] : []),
      ...toolCallsOf(script).map((tool, n) => ({
        type: 'tool_use',
        id: tool.id ?? `toolu_${id}_${n}`,
        name: tool.name,
        input: JSON.parse(argumentsJson(tool)) as unknown,
      })),
    ],
    stop_reason: stopReasonOf(script),
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
}

const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** An error body like Anthropic's; the 401 body echoes the presented key (see openAIError). */
export function anthropicError(status: number, presentedKey: string | undefined): Json {
  const type = ANTHROPIC_ERROR_TYPES[status] ?? 'api_error';
  const message =
    status === 401 ? `invalid x-api-key: ${presentedKey ?? '(none)'}` : `Scripted error ${status} (${type}).`;
  return { type: 'error', error: { type, message } };
}
