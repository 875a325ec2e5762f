import type { z } from 'zod';
import type { ChannelConnectionSchema } from '@switchboard/contract/channels';
import { appUrl } from '../../platform/app-url';
import type { ChannelConnectionRow } from './schema';

export type ChannelView = z.infer<typeof ChannelConnectionSchema>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** Where a connection's platform sends its updates. */
export const webhookUrlOf = (id: string) => `${appUrl()}/api/channels/${id}/webhook`;

export function channelView(row: ChannelConnectionRow): ChannelView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    agentId: row.agentId,
    enabled: row.enabled,
    credentials: row.masked,
    webhookUrl: webhookUrlOf(row.id),
    verifyToken: row.type === 'telegram' || row.type === 'slack' ? null : row.verifyToken,
    lastInboundAt: iso(row.lastInboundAt),
    lastOutboundAt: iso(row.lastOutboundAt),
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
