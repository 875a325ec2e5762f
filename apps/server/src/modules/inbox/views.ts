import { z } from '@hono/zod-openapi';
import { CitationSchema, ConversationSchema, MessageSchema } from '../chat';

export const PersonSchema = z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() }).openapi('Person');

export const InboxItemSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    channel: z.string(),
    status: z.enum(['bot', 'pending_human', 'human', 'closed']),
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
  .object({ id: z.string(), conversationId: z.string(), authorId: z.string().nullable(), kind: z.enum(['note', 'summary']), content: z.string(), createdAt: z.date() })
  .openapi('InternalNote');

export const CannedSchema = z
  .object({ id: z.string(), shortcut: z.string(), title: z.string(), content: z.string(), createdBy: z.string().nullable(), createdAt: z.date(), updatedAt: z.date() })
  .openapi('CannedResponse');

export const DraftSchema = z
  .object({ content: z.string(), citations: z.array(CitationSchema), source: z.enum(['model', 'extractive']), model: z.string().nullable() })
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
    leads: z.array(z.record(z.string(), z.unknown())),
    rating: z
      .object({ rating: z.number().int(), comment: z.string().nullable(), ratedAt: z.date() })
      .nullable()
      .openapi({ description: 'The visitor’s satisfaction rating (1–5), given once the conversation was closed' }),
    people: z.record(z.string(), PersonSchema),
  })
  .openapi('InboxConversationDetail');

export const AgentViewSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    assignable: z.boolean(),
    status: z.enum(['online', 'away', 'offline']),
    lastSeenAt: z.date().nullable(),
    capacity: z.number().nullable(),
    effectiveCapacity: z.number(),
    onDuty: z.boolean(),
    open: z.number(),
  })
  .openapi('InboxMember');
