import type { Migration } from '../platform/db/migrate';

/**
 * A conversation remembers that the bot's last answer offered a person, so that the visitor's
 * "yes" or "no" acts on the offer instead of being searched for in the knowledge. A failed
 * knowledge source says whether retrying could help.
 */
export const m0019: Migration = {
  id: '0019_conversation_defaults',
  sql: `
ALTER TABLE conversations ADD COLUMN human_offered boolean NOT NULL DEFAULT false;
-- A source whose failure a retry cannot fix (a file with no text, a password-protected PDF):
-- the dashboard offers no Retry, the API refuses one.
ALTER TABLE knowledge_sources ADD COLUMN error_final boolean NOT NULL DEFAULT false;
`,
};
