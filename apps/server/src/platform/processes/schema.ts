import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Platform table: the server processes that answer chats, and when each last said it was alive. */
export const serverProcesses = pgTable('server_processes', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull().defaultNow(),
});
