import { conversationCursor } from './common';
import { ANSWER_STATUSES, CHANNELS, CONVERSATION_STATUSES, MESSAGE_ROLES, type ConversationStatus } from './enums';
import { z } from './z';

// Conversations and their messages, the answer of a chat turn, and the server-sent events of
// a turn and of a conversation. Event schemas are types and documentation: the server does
// not validate what it streams (no work per token).

export { ANSWER_STATUSES, CHANNELS, CONVERSATION_STATUSES, MESSAGE_ROLES, type ConversationStatus };

export const createConversationInput = z
  .object({
    agentId: z.string().regex(/^agt_[0-9a-z]{26}$/, 'Not an agent id'),
    channel: z.enum(CHANNELS).default('api'),
    visitorId: z.string().trim().min(1).max(200).nullish(),
    metadata: z.record(z.string(), z.unknown()).default({}),
    /** The playground talks to the draft (members who may edit agents only). */
    useDraft: z.boolean().default(false),
    /** Or to one published version, live or not (the playground; members who may edit agents only). */
    version: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((c) => !(c.useDraft && c.version !== undefined), {
    message: 'Choose the draft or a version, not both',
    path: ['version'],
  });

export const listConversationsInput = z.object({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  agentId: z.string().max(60).optional(),
  channel: z.string().max(20).optional(),
  visitorId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** `nextCursor` of the previous page. */
  cursor: conversationCursor.optional(),
});

export const messageInput = z.object({
  content: z.string().trim().min(1, 'Write a message').max(8000, 'Keep messages under 8,000 characters'),
});
export const idempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Printable ASCII only');
export const typingInput = z.object({ typing: z.boolean() });
/** `Idempotency-Key`: a retry with the same key never stores a second message or answer. */
export const idempotencyHeader = z.object({ 'idempotency-key': z.string().max(200).optional() });
export const handoffBody = z.object({
  reason: z.string().trim().min(1).max(500).default('The visitor asked for a person.'),
});
export const listMessagesQuery = z.object({
  after: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const conversationEventsQuery = z.object({ after: z.string().max(60).optional() });
/** A message id to resume a stream after (`Last-Event-ID` or `?after=`). */
export const resumeId = z.string().regex(/^msg_[0-9a-z]{26}$/, 'Not a message id');

export const CitationSchema = z
  .object({
    index: z.number(),
    sourceId: z.string(),
    chunkId: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    page: z.number().nullable(),
    anchor: z.string().nullable(),
    snippet: z.string(),
    score: z.number(),
  })
  .openapi('Citation');

export const ConversationSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    agentVersion: z.number(),
    channel: z.string(),
    visitorId: z.string().nullable(),
    status: z.enum(CONVERSATION_STATUSES),
    title: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    messageCount: z.number(),
    lastMessageAt: z.date().nullable(),
    assigneeId: z.string().nullable().openapi({ description: 'The member who owns it (status human)' }),
    assignedAt: z.date().nullable(),
    handoffReason: z.string().nullable().openapi({ description: 'Why it last went to a person' }),
    handoffAt: z.date().nullable(),
    askContact: z
      .boolean()
      .openapi({ description: 'Handed off outside business hours: the visitor is asked for contact details' }),
    closedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Conversation');

export const MessageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    role: z.enum(MESSAGE_ROLES),
    content: z.string(),
    status: z.enum(['complete', 'streaming', 'interrupted', 'error']),
    citations: z.array(CitationSchema),
    toolCalls: z.array(
      z.object({ id: z.string(), name: z.string(), input: z.unknown(), output: z.unknown().optional() }),
    ),
    model: z.string().nullable(),
    tokensIn: z.number(),
    tokensOut: z.number(),
    costUsd: z.number(),
    unpriced: z
      .boolean()
      .openapi({ description: 'The model has no known price: costUsd 0 is not a price (set MODEL_PRICES)' }),
    latencyMs: z.number().nullable(),
    firstTokenMs: z.number().nullable(),
    replyTo: z.string().nullable(),
    authorId: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('Message');

export const UsageSchema = z.object({
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  unpriced: z.boolean(),
});

/** The finished answer of a turn: the JSON answer, and the `done` event of a streamed one. */
export const DoneSchema = z
  .object({
    conversationId: z.string(),
    userMessageId: z.string(),
    messageId: z.string().nullable(),
    status: z.enum(ANSWER_STATUSES),
    conversationStatus: z.enum(CONVERSATION_STATUSES),
    content: z.string(),
    citations: z.array(CitationSchema),
    usage: UsageSchema,
    model: z.string().nullable(),
    latencyMs: z.number().nullable(),
    offerHuman: z.boolean(),
    replayed: z.boolean().optional(),
  })
  .openapi('Answer');

export const ConversationListResponse = z.object({
  conversations: z.array(ConversationSchema),
  nextCursor: z.string().nullable(),
});
export const ConversationResponse = z.object({ conversation: ConversationSchema });
export const MessageResponse = z.object({ message: MessageSchema });
export const ConversationWithMessagesResponse = z.object({
  conversation: ConversationSchema,
  messages: z.array(MessageSchema),
});
export const MessageListResponse = z.object({ messages: z.array(MessageSchema) });
export const HandoffResponse = z.object({
  conversation: ConversationSchema,
  changed: z.boolean(),
  askContact: z.boolean(),
  opensAt: z.string().nullable(),
  notice: MessageSchema.nullable(),
});

/** The server-sent events of a chat turn, by name (their order is also the JSON answer's parts). */
export const chatTurnEvents = {
  token: z.object({ text: z.string() }),
  citation: CitationSchema,
  /** `{name, input}` when a tool is called, then `{name, input, output}` with its result. */
  tool: z.object({ name: z.string(), input: z.unknown(), output: z.unknown().optional() }),
  handoff: z.object({
    status: z.enum(CONVERSATION_STATUSES),
    reason: z.string(),
    /** Outside business hours: ask the visitor for contact details (a lead). */
    askContact: z.boolean(),
    /** When people are next available (ISO); null when unknown. */
    opensAt: z.string().nullable(),
    /** What the visitor was told, when a message said it (it is also a stored message). */
    notice: z.string().optional(),
  }),
  done: DoneSchema,
  /** The answer failed; the visitor's message is kept. */
  error: z.object({
    code: z.string(),
    message: z.string(),
    conversationId: z.string(),
    messageId: z.string().nullable(),
  }),
};

/** Someone is typing in a conversation (never stored). */
export const TypingEventSchema = z.object({
  conversationId: z.string(),
  from: z.enum(['visitor', 'human']),
  name: z.string().optional(),
  typing: z.boolean(),
});
/** The visitor opened or left the conversation. */
export const VisitorPresenceEventSchema = z.object({
  conversationId: z.string(),
  from: z.literal('visitor'),
  online: z.boolean(),
});

/** The server-sent events of one conversation (`GET …/conversations/{id}/events`), by name. */
export const conversationEvents = {
  /** First, and on every change: the status, what changed it, who owns it. */
  status: z.object({
    conversationId: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    /** The event type that changed it (`conversation.assigned`, …); null in the first one. */
    cause: z.string().nullable(),
    assignee: z.object({ name: z.string(), avatarUrl: z.string().nullable() }).nullable(),
    askContact: z.boolean(),
  }),
  /** A stored message; its SSE id is the message id (resume after it). */
  message: MessageSchema,
  typing: TypingEventSchema,
  presence: VisitorPresenceEventSchema,
};

/** `{ event, data }` for each event of a map of event schemas, as JSON (dates as ISO strings). */
export type EventUnion<Events extends Record<string, z.ZodType>> = {
  [Name in keyof Events & string]: { event: Name; data: Json<z.output<Events[Name]>> };
}[keyof Events & string];

/** A value as JSON.parse gives it back: Date becomes string. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type ChatTurnEvent = EventUnion<typeof chatTurnEvents>;
export type ConversationEvent = EventUnion<typeof conversationEvents>;
