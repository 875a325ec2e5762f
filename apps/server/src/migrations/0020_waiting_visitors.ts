import type { Migration } from '../platform/db/migrate';

/**
 * Never a stranded visitor: when the visitor was told that nobody can answer them now (once per
 * hand-off), whether their chat is open (a reply reaches them there) or they left (it is mailed),
 * and up to when the team's replies were mailed to them (one mail per batch, not per message).
 */
export const m0020: Migration = {
  id: '0020_waiting_visitors',
  sql: `
ALTER TABLE conversations ADD COLUMN waiting_told_at timestamptz;
ALTER TABLE conversations ADD COLUMN visitor_connected boolean NOT NULL DEFAULT false;
ALTER TABLE conversations ADD COLUMN visitor_seen_at timestamptz;
ALTER TABLE conversations ADD COLUMN visitor_mailed_at timestamptz;
`,
};
