import type { Migration } from '../platform/db/migrate';

/**
 * Usage metering: answers from models without a known price are marked (their cost 0 is not
 * a price), and counted per month and agent; a lookup of a message by its Idempotency-Key
 * across conversations (an OpenAI-compatible call starts a new conversation each time).
 */
export const m0007: Migration = {
  id: '0007_usage',
  sql: `
ALTER TABLE messages ADD COLUMN unpriced boolean NOT NULL DEFAULT false;
ALTER TABLE usage_monthly ADD COLUMN unpriced_messages integer NOT NULL DEFAULT 0;
CREATE INDEX messages_idempotency_key ON messages (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
`,
};
