import {
  CitationSchema,
  ConversationSchema,
  type EventUnion,
  MessageSchema,
  TypingEventSchema,
  VisitorPresenceEventSchema,
} from './chat';
import { conversationCursor } from './common';
import { CONVERSATION_STATUSES, INBOX_STATUSES, PRESENCE_STATUSES } from './enums';
import { LeadSchema } from './leads';
import { z } from './z';

// The inbox: conversations waiting for or owned by people, notes, canned responses, the team's
// presence and capacity, and the inbox's live stream.

export { INBOX_STATUSES, PRESENCE_STATUSES };

export const inboxQuery = z.object({
  /** `open`: waiting for a person or owned by one. */
  status: z.enum(INBOX_STATUSES).default('open'),
  /** `me`, `unassigned`, `anyone`, or a member's user id. */
  assignee: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use me, unassigned, anyone or a member id')
    .default('anyone'),
  agentId: z.string().max(60).optional(),
  channel: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: conversationCursor.optional(),
});

export const noteInput = z.object({
  content: z.string().trim().min(1, 'Write the note').max(4000, 'Keep notes under 4,000 characters'),
});
export const assignInput = z.object({ userId: z.string().trim().min(1).max(60).nullable() });
export const markReadInput = z.object({
  messageId: z
    .string()
    .regex(/^msg_[0-9a-z]{26}$/, 'Not a message id')
    .optional(),
});
export const replyInput = z.object({
  content: z.string().trim().min(1, 'Write a reply').max(8000, 'Keep replies under 8,000 characters'),
});
export const presenceInput = z.object({ status: z.enum(PRESENCE_STATUSES) });

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Use letters, digits, - and _ (up to 40), like refund-policy');
export const cannedInput = z.object({
  shortcut,
  title: z.string().trim().min(1, 'Give it a title').max(120),
  content: z.string().trim().min(1, 'Write the reply').max(4000),
});
export const cannedPatch = cannedInput.partial().refine((p) => Object.keys(p).length > 0, 'Change at least one field');

export const inboxAgentPatch = z
  .object({
    /** Open conversations at most (0: never auto-assigned); null: the workspace default. */
    capacity: z.number().int().min(0).max(100).nullable().optional(),
    onDuty: z.boolean().optional(),
  })
  .refine((p) => p.capacity !== undefined || p.onDuty !== undefined, 'Change capacity or onDuty');
export const memberParam = z.object({
  userId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'userId', in: 'path' } }),
});

export const PersonSchema = z
  .object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() })
  .openapi('Person');

export const InboxItemSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    channel: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    title: z.string().nullable(),
    assignee: PersonSchema.nullable(),
    handoffReason: z.string().nullable(),
    handoffAt: z.date().nullable(),
    askContact: z.boolean(),
    messageCount: z.number(),
    lastMessageAt: z.date().nullable(),
    lastMessage: z.object({ role: z.string(), content: z.string(), createdAt: z.string() }).nullable(),
    unread: z.number().openapi({ description: 'Visitor messages after your read marker' }),
    visitor: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
    createdAt: z.date(),
    updatedAt: z.date(),
    cursor: z.string(),
  })
  .openapi('InboxConversation');

export const NoteSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    authorId: z.string().nullable(),
    kind: z.enum(['note', 'summary']),
    content: z.string(),
    createdAt: z.date(),
  })
  .openapi('InternalNote');

export const CannedSchema = z
  .object({
    id: z.string(),
    shortcut: z.string(),
    title: z.string(),
    content: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('CannedResponse');

export const DraftSchema = z
  .object({
    content: z.string(),
    citations: z.array(CitationSchema),
    source: z.enum(['model', 'extractive']),
    model: z.string().nullable(),
  })
  .openapi('DraftReply');

export const TransitionSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  event: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  assigneeId: z.string().nullable(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.date(),
});

export const DetailSchema = z
  .object({
    conversation: ConversationSchema.extend({ assignee: PersonSchema.nullable() }),
    agent: z.object({ id: z.string(), name: z.string() }).nullable(),
    visitor: z.object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      page: z.string().nullable(),
      userAgent: z.string().nullable(),
      locale: z.string().nullable(),
    }),
    messages: z.array(MessageSchema),
    notes: z.array(NoteSchema),
    transitions: z.array(TransitionSchema),
    /** The leads the visitor left in this conversation (empty without `leads.read`). */
    leads: z.array(LeadSchema),
    rating: z
      .object({ rating: z.number().int(), comment: z.string().nullable(), ratedAt: z.date() })
      .nullable()
      .openapi({ description: 'The visitor’s satisfaction rating (1–5), given once the conversation was closed' }),
    people: z.record(z.string(), PersonSchema),
  })
  .openapi('InboxConversationDetail');

export const InboxMemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    assignable: z.boolean(),
    status: z.enum(PRESENCE_STATUSES),
    lastSeenAt: z.date().nullable(),
    capacity: z.number().nullable(),
    effectiveCapacity: z.number(),
    onDuty: z.boolean(),
    open: z.number(),
  })
  .openapi('InboxMember');

export const InboxPageResponse = z.object({
  conversations: z.array(InboxItemSchema),
  nextCursor: z.string().nullable(),
});
export const NoteResponse = z.object({ note: NoteSchema });
export const DraftResponse = z.object({ draft: DraftSchema });
export const PresenceResponse = z.object({ status: z.string(), changed: z.boolean() });
export const InboxMemberListResponse = z.object({ members: z.array(InboxMemberSchema) });
export const CannedListResponse = z.object({ cannedResponses: z.array(CannedSchema) });
export const CannedResponse = z.object({ cannedResponse: CannedSchema });

/** Conversations with unread visitor messages, and those messages, for one member. */
export const UnreadTotalsSchema = z.object({ conversations: z.number(), messages: z.number() });

/** The server-sent events of the inbox (`GET /api/v1/inbox/events`), by name. */
export const inboxEvents = {
  /** First on every connection: replace what you held with it (that is how a reconnect catches up). */
  snapshot: z.object({
    conversations: z.array(InboxItemSchema),
    /** More open conversations than the snapshot holds (page with the list route). */
    more: z.boolean(),
    unread: UnreadTotalsSchema,
    presence: z.array(z.object({ userId: z.string(), name: z.string(), status: z.enum(PRESENCE_STATUSES) })),
  }),
  /** A conversation changed or got a message: the row as it now is. */
  conversation: z.object({ cause: z.string(), conversation: InboxItemSchema, unread: UnreadTotalsSchema }),
  note: z.object({ conversationId: z.string(), note: NoteSchema }),
  typing: TypingEventSchema,
  /** A visitor's presence in a conversation. */
  visitor: VisitorPresenceEventSchema,
  /** A member's presence. */
  presence: z.object({ userId: z.string(), status: z.enum(PRESENCE_STATUSES) }),
};

export type InboxEvent = EventUnion<typeof inboxEvents>;
