import { z } from '@hono/zod-openapi';
import { ValidationError } from '../../platform/errors';
import type { DoneData } from '../chat';

/**
 * OpenAI's Chat Completions wire format, as far as an agent can honour it. Parameters that
 * belong to the agent (temperature, max_tokens, tools, response_format…) are accepted and
 * ignored: the agent's published configuration decides them.
 */
const TextPart = z.object({ type: z.string(), text: z.string().optional() }).loose();

export const ChatMessageIn = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: z.union([z.string(), z.array(TextPart), z.null()]).optional(),
    name: z.string().optional(),
  })
  .loose();

export const ChatCompletionRequest = z
  .object({
    model: z.string().min(1).max(100).openapi({ description: 'The agent id (`agt_…`); `GET /api/v1/openai/models` lists them', example: 'agt_01jq3v…' }),
    messages: z.array(ChatMessageIn).min(1).max(200),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    user: z.string().trim().min(1).max(200).optional().openapi({ description: 'Stored as the conversation’s visitor id' }),
    n: z.literal(1).nullish().openapi({ description: 'Only one choice is generated' }),
  })
  .loose()
  .openapi('ChatCompletionRequest');

export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

function textOf(message: z.infer<typeof ChatMessageIn>, index: number): string {
  if (typeof message.content === 'string') return message.content;
  if (!message.content) return '';
  const unsupported = message.content.find((part) => part.type !== 'text');
  if (unsupported) {
    throw new ValidationError('Only text content is supported.', [{ path: `messages.${index}.content`, message: `Parts of type "${unsupported.type}" are not supported` }], 'unsupported_content');
  }
  return message.content.map((part) => part.text ?? '').join('');
}

/**
 * The question (the last message, which must be the user's) and the turns before it. System
 * and developer messages are left out: the agent's own instructions stand. Tool messages too.
 */
export function splitConversation(request: ChatCompletionRequest): { question: string; history: Array<{ role: 'user' | 'assistant'; content: string }> } {
  const last = request.messages.length - 1;
  const final = request.messages[last]!;
  const question = textOf(final, last).trim();
  if (final.role !== 'user' || !question) {
    throw new ValidationError('The last message must be the user’s, with text.', [{ path: `messages.${last}`, message: 'Expected a user message with text' }]);
  }
  const history = request.messages.slice(0, last).flatMap((m, i) => (m.role === 'user' || m.role === 'assistant' ? [{ role: m.role, content: textOf(m, i) }] : []));
  return { question, history };
}

export const completionId = (userMessageId: string) => `chatcmpl-${userMessageId.replace(/^msg_/, '')}`;
const unix = () => Math.floor(Date.now() / 1000);

export const usageOf = (done: DoneData) => ({
  prompt_tokens: done.usage.tokensIn,
  completion_tokens: done.usage.tokensOut,
  total_tokens: done.usage.tokensIn + done.usage.tokensOut,
});

/** What OpenAI clients ignore and Switchboard clients may read: the stored answer's details. */
export const extensionOf = (done: DoneData) => ({
  conversationId: done.conversationId,
  messageId: done.messageId,
  status: done.status,
  conversationStatus: done.conversationStatus,
  citations: done.citations,
  offerHuman: done.offerHuman,
  model: done.model,
  costUsd: done.usage.costUsd,
  unpriced: done.usage.unpriced,
  ...(done.replayed && { replayed: true }),
});

export function completion(id: string, model: string, done: DoneData) {
  return {
    id,
    object: 'chat.completion' as const,
    created: unix(),
    model,
    system_fingerprint: null,
    choices: [{ index: 0, message: { role: 'assistant' as const, content: done.content, refusal: null }, logprobs: null, finish_reason: 'stop' as const }],
    usage: usageOf(done),
    switchboard: extensionOf(done),
  };
}

/** One `chat.completion.chunk`; with `include_usage`, OpenAI sends `usage: null` on every chunk but the last. */
export function chunk(id: string, model: string, delta: Record<string, unknown>, options: { finish?: 'stop'; includeUsage: boolean; extra?: Record<string, unknown> }) {
  return {
    id,
    object: 'chat.completion.chunk' as const,
    created: unix(),
    model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: options.finish ?? null }],
    ...(options.includeUsage && { usage: null }),
    ...options.extra,
  };
}

export function usageChunk(id: string, model: string, done: DoneData) {
  return { id, object: 'chat.completion.chunk' as const, created: unix(), model, system_fingerprint: null, choices: [], usage: usageOf(done) };
}

export const ChatCompletionResponse = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number(),
    model: z.string(),
    system_fingerprint: z.null(),
    choices: z.array(
      z.object({
        index: z.number(),
        message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
        logprobs: z.null(),
        finish_reason: z.literal('stop'),
      }),
    ),
    usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
    switchboard: z
      .object({
        conversationId: z.string(),
        messageId: z.string().nullable(),
        status: z.string(),
        conversationStatus: z.string(),
        citations: z.array(z.unknown()),
        offerHuman: z.boolean(),
        model: z.string().nullable(),
        costUsd: z.number(),
        unpriced: z.boolean(),
        replayed: z.boolean().optional(),
      })
      .openapi({ description: 'Switchboard’s own fields (OpenAI clients ignore them)' }),
  })
  .openapi('ChatCompletion');
