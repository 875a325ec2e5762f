import type { Migration } from '../platform/db/migrate';

/** Slack, Messenger and Instagram connections: the same tables, a wider list of types. */
export const m0030: Migration = {
  id: '0030_social_channels',
  sql: `
ALTER TABLE channel_connections DROP CONSTRAINT IF EXISTS channel_connections_type_check;
ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_type_check
  CHECK (type IN ('telegram', 'whatsapp', 'slack', 'messenger', 'instagram'));
`,
};
