import { ChatCompletionRequest, ChatCompletionResponse, ChatMessageIn } from '@switchboard/contract/openai';
import type { z } from '@hono/zod-openapi';
import { ValidationError } from '../../platform/errors';
import type { DoneData } from '../chat';

export { ChatCompletionRequest, ChatCompletionResponse, ChatMessageIn };
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

function textOf(message: z.infer<typeof ChatMessageIn>, index: number): string {
  if (typeof message.content === 'string') return message.content;
  if (!message.content) return '';
  const unsupported = message.content.find((part) => part.type !== 'text');
  if (unsupported) {
    throw new ValidationError(
      'Only text content is supported.',
      [{ path: `messages.${index}.content`, message: `Parts of type "${unsupported.type}" are not supported` }],
      'unsupported_content',
    );
  }
  return message.content.map((part) => part.text ?? '').join('');
}

/**
 * The question (the last message, which must be the user's) and the turns before it. System
 * and developer messages are left out: the agent's own instructions stand. Tool messages too.
 */
export function splitConversation(request: ChatCompletionRequest): {
  question: string;
  history: Array<{ role: 'user' | 'assistant'; content: string }>;
} {
  const last = request.messages.length - 1;
  const final = request.messages[last]!;
  const question = textOf(final, last).trim();
  if (final.role !== 'user' || !question) {
    throw new ValidationError('The last message must be the user’s, with text.', [
      { path: `messages.${last}`, message: 'Expected a user message with text' },
    ]);
  }
  const history = request.messages
    .slice(0, last)
    .flatMap((m, i) => (m.role === 'user' || m.role === 'assistant' ? [{ role: m.role, content: textOf(m, i) }] : []));
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
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: done.content, refusal: null },
        logprobs: null,
        finish_reason: 'stop' as const,
      },
    ],
    usage: usageOf(done),
    switchboard: extensionOf(done),
  };
}

/** One `chat.completion.chunk`; with `include_usage`, OpenAI sends `usage: null` on every chunk but the last. */
export function chunk(
  id: string,
  model: string,
  delta: Record<string, unknown>,
  options: { finish?: 'stop'; includeUsage: boolean; extra?: Record<string, unknown> },
) {
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
  return {
    id,
    object: 'chat.completion.chunk' as const,
    created: unix(),
    model,
    system_fingerprint: null,
    choices: [],
    usage: usageOf(done),
  };
}
