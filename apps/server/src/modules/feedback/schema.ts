import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One thumbs up or down per answer and rater (`visitor:…`, `user:…`, `apiKey:…`); rating again replaces it. */
export const answerFeedback = pgTable(
  'answer_feedback',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id').notNull(),
    messageId: text('message_id').notNull(),
    agentId: text('agent_id').notNull(),
    rater: text('rater').notNull(),
    rating: text('rating', { enum: ['up', 'down'] }).notNull(),
    comment: text('comment'),
    source: text('source', { enum: ['widget', 'api', 'playground'] }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A review queue item someone dealt with (its id: the answer, the conversation or the question). */
export const reviewMarks = pgTable(
  'review_marks',
  {
    tenantId: text('tenant_id').notNull(),
    itemId: text('item_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['reviewed', 'dismissed'] }).notNull(),
    qaPairId: text('qa_pair_id'),
    reviewedBy: text('reviewed_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.itemId] })],
);

export type AnswerFeedbackRow = typeof answerFeedback.$inferSelect;
