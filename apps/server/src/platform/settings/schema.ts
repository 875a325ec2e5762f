import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Platform table: installation-wide settings (e.g. the secret key's fingerprint). */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
