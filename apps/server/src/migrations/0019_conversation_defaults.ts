import type { Migration } from '../platform/db/migrate';

/**
 * A conversation remembers that the bot's last answer offered a person, so that the visitor's
 * "yes" or "no" acts on the offer instead of being searched for in the knowledge.
 */
export const m0019: Migration = {
  id: '0019_conversation_defaults',
  sql: `
ALTER TABLE conversations ADD COLUMN human_offered boolean NOT NULL DEFAULT false;
`,
};
