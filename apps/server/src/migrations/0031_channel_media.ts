import type { Migration } from '../platform/db/migrate';

/**
 * Channel media, templates and delivery statuses. An inbound message may carry a file (the
 * platform's reference to it, fetched when the message is answered); an outbound one may be a
 * WhatsApp template or a file, and keeps the platform's id for it so the statuses the platform
 * reports later (sent, delivered, read, failed) land on it.
 */
export const m0031: Migration = {
  id: '0031_channel_media',
  sql: `
ALTER TABLE channel_inbound ADD COLUMN media jsonb;
ALTER TABLE channel_outbound ADD COLUMN template jsonb;
ALTER TABLE channel_outbound ADD COLUMN attachment_id text;
ALTER TABLE channel_outbound ADD COLUMN platform_message_id text;
ALTER TABLE channel_outbound ADD COLUMN delivery text CHECK (delivery IN ('sent', 'delivered', 'read', 'failed'));
ALTER TABLE channel_outbound ADD COLUMN delivery_at timestamptz;
CREATE INDEX channel_outbound_platform_id ON channel_outbound (tenant_id, connection_id, platform_message_id)
  WHERE platform_message_id IS NOT NULL;
`,
};
