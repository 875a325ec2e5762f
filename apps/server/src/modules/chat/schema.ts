import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

export type ConversationStatus = 'bot' | 'pending_human' | 'human' | 'closed';

export const conversations = pgTable(
  'conversations',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    agentId: text('agent_id').notNull(),
    /** The agent version this conversation runs on; 0 is the draft (playground). */
    agentVersion: integer('agent_version').notNull(),
    channel: text('channel').notNull(),
    visitorId: text('visitor_id'),
    status: text('status', { enum: ['bot', 'pending_human', 'human', 'closed'] })
      .notNull()
      .default('bot'),
    title: text('title'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    messageCount: integer('message_count').notNull().default(0),
    lastMessageAt: at('last_message_at'),
    /** The member who owns it (status human), kept after close for the record. */
    assigneeId: text('assignee_id'),
    assignedAt: at('assigned_at'),
    /** Why and when it last went to a person (pending_human). */
    handoffReason: text('handoff_reason'),
    handoffAt: at('handoff_at'),
    /** When the inbox routed that hand-off (auto-assignment, notifications): equal to handoffAt once done. */
    routedAt: at('routed_at'),
    /** Handed off outside business hours: the visitor is asked for contact details. */
    askContact: boolean('ask_contact').notNull().default(false),
    /** When the visitor was told nobody can answer now (nobody online, or nobody took it in time). */
    waitingToldAt: at('waiting_told_at'),
    /** The visitor's chat is open (their live stream); a reply then reaches them there, not by mail. */
    visitorConnected: boolean('visitor_connected').notNull().default(false),
    /** When the visitor's chat last opened or closed. */
    visitorSeenAt: at('visitor_seen_at'),
    /** The team's replies up to this time were mailed to the visitor (resume link). */
    visitorMailedAt: at('visitor_mailed_at'),
    /** Bot answers in a row that found nothing (a hand-off rule counts them). */
    unansweredStreak: integer('unanswered_streak').notNull().default(0),
    /** The bot's last answer offered a person: the visitor's "yes" or "no" answers that offer. */
    humanOffered: boolean('human_offered').notNull().default(false),
    closedAt: at('closed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * Every change of a conversation's status or owner, with who made it: the record the inbox
 * shows ("Ana took over") and analytics count. Written with the change and its event.
 */
export const conversationTransitions = pgTable(
  'conversation_transitions',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id').notNull(),
    event: text('event').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    assigneeId: text('assignee_id'),
    /** `user`, `apiKey`, `visitor`, `system`, …: who caused it. */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    reason: text('reason'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export interface Citation {
  index: number;
  sourceId: string;
  chunkId: string;
  title: string;
  url: string | null;
  page: number | null;
  anchor: string | null;
  snippet: string;
  score: number;
}

export interface ToolCallRecord {
  id: string;
  name: string;
  input: unknown;
  output?: unknown;
}

export const messages = pgTable(
  'messages',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id').notNull(),
    role: text('role', { enum: ['user', 'assistant', 'human', 'system'] }).notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: ['complete', 'streaming', 'interrupted', 'error'] })
      .notNull()
      .default('complete'),
    citations: jsonb('citations').$type<Citation[]>().notNull().default([]),
    toolCalls: jsonb('tool_calls').$type<ToolCallRecord[]>().notNull().default([]),
    model: text('model'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6, mode: 'number' }).notNull().default(0),
    /** The model had no known price: costUsd 0 is not what it cost. */
    unpriced: boolean('unpriced').notNull().default(false),
    latencyMs: integer('latency_ms'),
    firstTokenMs: integer('first_token_ms'),
    error: text('error'),
    idempotencyKey: text('idempotency_key'),
    /** For an assistant answer: the user message it answers (unique: one answer each). */
    replyTo: text('reply_to'),
    /** For a human message: the member who wrote it. */
    authorId: text('author_id'),
    /** For an answer: the server process streaming it (platform/processes tells if it is alive). */
    answeredBy: text('answered_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const usageMonthly = pgTable(
  'usage_monthly',
  {
    tenantId: text('tenant_id').notNull(),
    month: date('month').notNull(),
    agentId: text('agent_id').notNull(),
    messages: integer('messages').notNull().default(0),
    tokensIn: bigint('tokens_in', { mode: 'number' }).notNull().default(0),
    tokensOut: bigint('tokens_out', { mode: 'number' }).notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 14, scale: 6, mode: 'number' }).notNull().default(0),
    /** Answers of models without a known price (their cost counted as 0). */
    unpricedMessages: integer('unpriced_messages').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.agentId] })],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type TransitionRow = typeof conversationTransitions.$inferSelect;
