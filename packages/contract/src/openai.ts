import { z } from './z';

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
    model: z.string().min(1).max(100).openapi({
      description: 'The agent id (`agt_…`); `GET /api/v1/openai/models` lists them',
      example: 'agt_01jq3v…',
    }),
    messages: z.array(ChatMessageIn).min(1).max(200),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    user: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Stored as the conversation’s visitor id' }),
    n: z.literal(1).nullish().openapi({ description: 'Only one choice is generated' }),
  })
  .loose()
  .openapi('ChatCompletionRequest');

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

export const OpenAiModelSchema = z
  .object({ id: z.string(), object: z.literal('model'), created: z.number(), owned_by: z.string(), name: z.string() })
  .openapi('OpenAiModel');
export const OpenAiModelListResponse = z.object({ object: z.literal('list'), data: z.array(OpenAiModelSchema) });
/** `X-Conversation-Id` continues a stored conversation; `Idempotency-Key` makes a retry replay the first answer. */
export const completionHeaders = z.object({
  'x-conversation-id': z.string().max(60).optional(),
  'idempotency-key': z.string().max(200).optional(),
});
export const modelIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
