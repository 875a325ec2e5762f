import { rootLogger } from '../../platform/log';
import { openCredentials } from './credentials';
import { adapterFor } from './platforms';
import type { ChannelConnectionRow, ChannelInboundRow } from './schema';

/**
 * The inbound message with its sender's profile completed where the platform has a lookup
 * (Slack gives only a user id in the event; users.info has the name). Best effort: without
 * the lookup the customer is still answered, under the id.
 */
export async function identifySender(
  tenantId: string,
  connection: ChannelConnectionRow,
  inbound: ChannelInboundRow,
): Promise<ChannelInboundRow> {
  const adapter = adapterFor(connection.type);
  if (!adapter.identify) return inbound;
  try {
    const credentials = openCredentials(tenantId, connection.id, connection.credentialsEnc);
    return { ...inbound, profile: await adapter.identify(credentials, inbound.profile) };
  } catch (error) {
    rootLogger().debug({ err: error, connectionId: connection.id }, 'sender profile not looked up');
    return inbound;
  }
}
