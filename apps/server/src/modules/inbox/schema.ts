import { boolean, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A member as the inbox sees them: presence (heartbeats), capacity, on duty, round-robin turn. */
export const inboxAgents = pgTable(
  'inbox_agents',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['online', 'away', 'offline'] })
      .notNull()
      .default('offline'),
    lastSeenAt: at('last_seen_at'),
    /** Open conversations they hold at most; null: the workspace default. */
    capacity: integer('capacity'),
    /** Mailed about new pending conversations while not online. */
    onDuty: boolean('on_duty').notNull().default(true),
    lastAssignedAt: at('last_assigned_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/** Internal notes on a conversation (and summaries at takeover): the team's, never the visitor's. */
export const inboxNotes = pgTable(
  'inbox_notes',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    conversationId: text('conversation_id').notNull(),
    authorId: text('author_id'),
    kind: text('kind', { enum: ['note', 'summary'] })
      .notNull()
      .default('note'),
    content: text('content').notNull(),
    /** Makes a job's note once-only across retries. */
    dedupeKey: text('dedupe_key'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** How far each member has read each conversation (unread counts). */
export const inboxReads = pgTable(
  'inbox_reads',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    readAt: at('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.conversationId] })],
);

/** Shared replies a member inserts with `/shortcut`. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type InboxAgentRow = typeof inboxAgents.$inferSelect;
export type InboxNoteRow = typeof inboxNotes.$inferSelect;
export type CannedResponseRow = typeof cannedResponses.$inferSelect;
