import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { HandoffSettings } from './settings-schema';

/** One row per workspace once its hand-off settings are saved; defaults apply before. */
export const handoffSettings = pgTable('handoff_settings', {
  tenantId: text('tenant_id').primaryKey(),
  settings: jsonb('settings').$type<HandoffSettings>().notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
