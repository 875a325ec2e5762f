import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { recordOutcomes, type Disabled, type Outcome } from './outcome';
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
  /** The endpoint, when the recorded outcomes turned it off (its admins are mailed). */
  disabled: Disabled[];
}

export interface Ask {
  endpointId: string;
  outcomes: Outcome[];
  /** How many more deliveries this process can take for the endpoint now. */
  room: number;
}

interface EndpointRow {
  id: string;
  url: string;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: Date | null;
  busy: number;
}

function secretsOf(tenantId: string, e: EndpointRow, at: Date): string[] {
  const secrets = [openSecret(tenantId, e.id, e.secret_enc)];
  if (e.previous_secret_enc && e.previous_secret_expires_at && e.previous_secret_expires_at > at)
    secrets.push(openSecret(tenantId, e.id, e.previous_secret_enc));
  return secrets;
}

/**
 * In the caller's transaction, for several endpoints of one workspace at once (a constant
 * number of statements however many there are): writes the outcomes of finished attempts,
 * then takes up to each endpoint's `room` of due deliveries and leases them. The endpoint
 * rows are locked first, so processes claiming for the same endpoint take turns and together
 * never lease more than `window`. A lease that ran out belongs to a process that died
 * mid-attempt: the delivery is due again, with the same id (at least once).
 */
export async function recordAndClaim(tx: Tx, asks: Ask[], window: number): Promise<Map<string, Claim>> {
  const tenantId = tx.tenantId!;
  const disabled = await recordOutcomes(tx, tenantId, asks);
  const at = now();
  const claims = new Map<string, Claim>();
  for (const ask of asks) claims.set(ask.endpointId, { url: '', secrets: [], deliveries: [], disabled: [] });
  for (const d of disabled) claims.get(d.id)?.disabled.push(d);
  const wanted = asks.filter((a) => a.room > 0);
  if (!wanted.length) return claims;
  const { rows: endpoints } = await tx.query<EndpointRow>(
    `SELECT e.id, e.url, e.secret_enc, e.previous_secret_enc, e.previous_secret_expires_at,
            (SELECT count(*)::int FROM webhook_deliveries d
              WHERE d.endpoint_id = e.id AND d.status = 'delivering' AND d.lease_until > $2) AS busy
       FROM webhook_endpoints e WHERE e.id = ANY($1::text[]) AND e.enabled ORDER BY e.id FOR UPDATE OF e`,
    [wanted.map((a) => a.endpointId), at],
  );
  const limits = endpoints.map((e) =>
    Math.max(0, Math.min(wanted.find((a) => a.endpointId === e.id)!.room, window - e.busy)),
  );
  const { rows } = await tx.query<ClaimedDelivery & { endpoint_id: string }>(
    `UPDATE webhook_deliveries d SET status = 'delivering', attempts = d.attempts + 1, lease_until = $3
       FROM unnest($1::text[], $4::int[]) AS ep(id, lim)
            CROSS JOIN LATERAL (
              SELECT q.tenant_id, q.id FROM webhook_deliveries q
               WHERE q.endpoint_id = ep.id
                 AND ((q.status = 'pending' AND q.next_attempt_at <= $2) OR (q.status = 'delivering' AND q.lease_until <= $2))
               ORDER BY q.next_attempt_at, q.id LIMIT ep.lim FOR UPDATE SKIP LOCKED) pick
      WHERE d.tenant_id = pick.tenant_id AND d.id = pick.id
      RETURNING d.id, d.endpoint_id, d.body, d.attempts`,
    [endpoints.map((e) => e.id), at, new Date(at.getTime() + LEASE_MS), limits],
  );
  rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const e of endpoints) {
    const claim = claims.get(e.id)!;
    claim.url = e.url;
    claim.secrets = secretsOf(tenantId, e, at);
  }
  for (const { endpoint_id, ...delivery } of rows) claims.get(endpoint_id)!.deliveries.push(delivery);
  return claims;
}

/** When each endpoint's next delivery falls due (pending or leased), for those with one waiting. */
export async function nextDue(tenantId: string): Promise<Array<{ endpointId: string; at: Date }>> {
  return withTenant(systemContext(tenantId, 'webhooks.deliver'), async (tx) => {
    const { rows } = await tx.query<{ endpoint_id: string; at: Date }>(
      `SELECT d.endpoint_id, min(CASE WHEN d.status = 'pending' THEN d.next_attempt_at ELSE d.lease_until END) AS at
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE e.enabled AND d.status IN ('pending', 'delivering') GROUP BY d.endpoint_id`,
    );
    return rows.map((r) => ({ endpointId: r.endpoint_id, at: r.at }));
  });
}
