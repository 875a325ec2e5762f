import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One row per conversation: its facts, recomputed from its own rows (analytics/facts.ts). */
export const analyticsConversations = pgTable(
  'analytics_conversations',
  {
    tenantId: text('tenant_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    agentId: text('agent_id').notNull(),
    channel: text('channel').notNull(),
    /** The local day (workspace time zone) the conversation started: all its numbers count there. */
    day: date('day').notNull(),
    startedAt: at('started_at').notNull(),
    visitorMessages: integer('visitor_messages').notNull().default(0),
    botMessages: integer('bot_messages').notNull().default(0),
    humanMessages: integer('human_messages').notNull().default(0),
    /** Why it first went to a person (visitor, tool, keyword, unanswered, sentiment, vip, api, other). */
    handoffCause: text('handoff_cause'),
    handedOffAt: at('handed_off_at'),
    firstResponseSeconds: integer('first_response_seconds'),
    resolutionSeconds: integer('resolution_seconds'),
    botResolved: boolean('bot_resolved').notNull().default(false),
    unanswered: integer('unanswered').notNull().default(0),
    csat: smallint('csat'),
    feedbackUp: integer('feedback_up').notNull().default(0),
    feedbackDown: integer('feedback_down').notNull().default(0),
    leads: integer('leads').notNull().default(0),
    tokensIn: bigint('tokens_in', { mode: 'number' }).notNull().default(0),
    tokensOut: bigint('tokens_out', { mode: 'number' }).notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 14, scale: 6, mode: 'number' }).notNull().default(0),
    latencyHist: integer('latency_hist').array().notNull().default([]),
    firstQuestion: text('first_question'),
    questionKey: text('question_key'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.conversationId] })],
);

/** The facts summed per local day, agent and channel: what summaries and time series read. */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    tenantId: text('tenant_id').notNull(),
    day: date('day').notNull(),
    agentId: text('agent_id').notNull(),
    channel: text('channel').notNull(),
    conversations: integer('conversations').notNull().default(0),
    visitorMessages: integer('visitor_messages').notNull().default(0),
    botMessages: integer('bot_messages').notNull().default(0),
    humanMessages: integer('human_messages').notNull().default(0),
    botResolved: integer('bot_resolved').notNull().default(0),
    handedOff: integer('handed_off').notNull().default(0),
    handoffs: jsonb('handoffs').$type<Record<string, number>>().notNull().default({}),
    unansweredConversations: integer('unanswered_conversations').notNull().default(0),
    unansweredQuestions: integer('unanswered_questions').notNull().default(0),
    csatCount: integer('csat_count').notNull().default(0),
    csatSum: integer('csat_sum').notNull().default(0),
    csatDist: integer('csat_dist').array().notNull().default([0, 0, 0, 0, 0]),
    feedbackUp: integer('feedback_up').notNull().default(0),
    feedbackDown: integer('feedback_down').notNull().default(0),
    leads: integer('leads').notNull().default(0),
    leadConversations: integer('lead_conversations').notNull().default(0),
    tokensIn: bigint('tokens_in', { mode: 'number' }).notNull().default(0),
    tokensOut: bigint('tokens_out', { mode: 'number' }).notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 14, scale: 6, mode: 'number' }).notNull().default(0),
    latencyHist: integer('latency_hist').array().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.agentId, t.channel] })],
);
