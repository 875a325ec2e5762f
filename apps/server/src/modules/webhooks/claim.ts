import { systemContext, withTenant } from '../../platform/tenancy';
import { openSecret } from './signing';
import { LEASE_MS, now } from './settings';

export interface ClaimedDelivery {
  id: string;
  body: string;
  attempts: number;
}

export interface Claim {
  url: string;
  secrets: string[];
  deliveries: ClaimedDelivery[];
}

/**
 * Takes up to `room` due deliveries of an endpoint and leases them. The endpoint row is
 * locked first, so processes claiming for the same endpoint take turns and together never
 * have more than `cap` attempts in flight. A lease that ran out belongs to a process that
 * died mid-attempt: the delivery is due again, with the same id (at least once).
 */
export async function claimDue(tenantId: string, endpointId: string, room: number, cap: number): Promise<Claim | null> {
  return withTenant(systemContext(tenantId, 'webhooks.deliver'), async (tx) => {
    const at = now();
    const { rows: endpoints } = await tx.query<{
      url: string;
      enabled: boolean;
      secret_enc: string;
      previous_secret_enc: string | null;
      previous_secret_expires_at: Date | null;
    }>(
      'SELECT url, enabled, secret_enc, previous_secret_enc, previous_secret_expires_at FROM webhook_endpoints WHERE id = $1 FOR UPDATE',
      [endpointId],
    );
    const endpoint = endpoints[0];
    if (!endpoint?.enabled) return null;
    const { rows: busy } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'delivering' AND lease_until > $2`,
      [endpointId, at],
    );
    const limit = Math.min(room, cap - busy[0]!.n);
    if (limit <= 0) return { url: endpoint.url, secrets: [], deliveries: [] };
    const { rows } = await tx.query<ClaimedDelivery>(
      `UPDATE webhook_deliveries d SET status = 'delivering', attempts = d.attempts + 1, lease_until = $3
         FROM (SELECT tenant_id, id FROM webhook_deliveries
                WHERE endpoint_id = $1 AND ((status = 'pending' AND next_attempt_at <= $2) OR (status = 'delivering' AND lease_until <= $2))
                ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) pick
        WHERE d.tenant_id = pick.tenant_id AND d.id = pick.id
        RETURNING d.id, d.body, d.attempts`,
      [endpointId, at, new Date(at.getTime() + LEASE_MS), limit],
    );
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const secrets = [openSecret(tenantId, endpointId, endpoint.secret_enc)];
    if (
      endpoint.previous_secret_enc &&
      endpoint.previous_secret_expires_at &&
      endpoint.previous_secret_expires_at > at
    ) {
      secrets.push(openSecret(tenantId, endpointId, endpoint.previous_secret_enc));
    }
    return { url: endpoint.url, secrets, deliveries: rows };
  });
}

/** When the endpoint's next delivery falls due (pending or leased), or null when none waits. */
export async function nextDue(tenantId: string, endpointId: string): Promise<Date | null> {
  return withTenant(systemContext(tenantId, 'webhooks.deliver'), async (tx) => {
    const { rows } = await tx.query<{ at: Date | null }>(
      `SELECT min(CASE WHEN status = 'pending' THEN next_attempt_at ELSE lease_until END) AS at
         FROM webhook_deliveries WHERE endpoint_id = $1 AND status IN ('pending', 'delivering')`,
      [endpointId],
    );
    return rows[0]?.at ?? null;
  });
}
