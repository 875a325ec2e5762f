import { boolean, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A workspace's own model provider key; the key itself only as ciphertext. */
export const providerCredentials = pgTable(
  'provider_credentials',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    provider: text('provider', { enum: ['openai', 'anthropic', 'google', 'openai-compatible'] }).notNull(),
    label: text('label').notNull(),
    baseUrl: text('base_url'),
    apiKeyEnc: text('api_key_enc'),
    keyHint: text('key_hint'),
    lastTestedAt: at('last_tested_at'),
    lastTestOk: boolean('last_test_ok'),
    lastTestMessage: text('last_test_message'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type CredentialRow = typeof providerCredentials.$inferSelect;
