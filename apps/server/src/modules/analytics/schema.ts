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
    /** When it counts as resolved by going idle unless something happens; null once a person is involved or it closed. */
    idleDueAt: at('idle_due_at'),
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

/** A report mailed per day, week or month (analytics/reports). */
export const analyticsReports = pgTable(
  'analytics_reports',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    frequency: text('frequency').$type<'daily' | 'weekly' | 'monthly'>().notNull(),
    metrics: text('metrics').array().notNull(),
    recipients: text('recipients').array().notNull(),
    unsubscribed: text('unsubscribed').array().notNull().default([]),
    language: text('language').notNull().default('en'),
    agentId: text('agent_id'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by'),
    lastSentAt: at('last_sent_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One send of a report: at most one per report and period. */
export const analyticsReportSends = pgTable(
  'analytics_report_sends',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    reportId: text('report_id').notNull(),
    /** The period's first day for scheduled sends, `manual:<id>` for "send now". */
    period: text('period').notNull(),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    rangeFrom: date('range_from').notNull(),
    rangeTo: date('range_to').notNull(),
    status: text('status').$type<'queued' | 'sent' | 'failed'>().notNull().default('queued'),
    recipients: text('recipients').array().notNull().default([]),
    error: text('error'),
    createdAt: at('created_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
