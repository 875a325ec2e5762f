import { withPlatform } from '../../platform/tenancy';
import type { Provider } from './settings';

/**
 * Runs a provider event's effect once per event id: the id is claimed first (a redelivery or a
 * replay finds it taken and does nothing); if the effect fails the claim is given back so the
 * provider's retry applies it.
 */
export async function processOnce(
  provider: Provider,
  eventId: string,
  type: string,
  apply: () => Promise<string | null>,
): Promise<'applied' | 'duplicate'> {
  const claimed = await withPlatform((tx) =>
    tx.query(
      `INSERT INTO billing_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [provider, eventId, type],
    ),
  );
  if (!claimed.rowCount) return 'duplicate';
  try {
    const tenantId = await apply();
    if (tenantId)
      await withPlatform((tx) =>
        tx.query(`UPDATE billing_events SET workspace_id = $3 WHERE provider = $1 AND event_id = $2`, [
          provider,
          eventId,
          tenantId,
        ]),
      );
    return 'applied';
  } catch (error) {
    await withPlatform((tx) =>
      tx.query(`DELETE FROM billing_events WHERE provider = $1 AND event_id = $2`, [provider, eventId]),
    );
    throw error;
  }
}
