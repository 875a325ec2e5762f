import { appUrl } from '../../platform/app-url';
import { renderMail, sendMail } from '../../platform/mail';
import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { findUsersByIds } from '../accounts';
import { recordAudit } from '../audit';
import { describeTenant } from '../tenants';
import type { AttemptResult } from './attempt';
import { DISABLE_AFTER_MS, MAX_ATTEMPTS, now, RETRY_DELAYS_SECONDS } from './settings';

/** Retry-After is honoured up to the longest step of the schedule. */
const MAX_WAIT_SECONDS = Math.max(...RETRY_DELAYS_SECONDS);

/** When the next attempt after `attempts` failed ones is due, or null when they are used up. */
export function nextAttemptAt(attempts: number, at: Date, retryAfterSeconds: number | null): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const scheduled = RETRY_DELAYS_SECONDS[attempts - 1] ?? MAX_WAIT_SECONDS;
  const wait = Math.max(scheduled, Math.min(retryAfterSeconds ?? 0, MAX_WAIT_SECONDS));
  return new Date(at.getTime() + wait * 1000);
}

type Disabled = { id: string; url: string; reason: 'gone' | 'failing' };

/** Turns an endpoint off for a reason of the server's (410, days of failures); audited. */
async function disable(tx: Tx, tenantId: string, id: string, reason: Disabled['reason']): Promise<Disabled | null> {
  const { rows } = await tx.query<{ url: string }>(
    `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = $3 WHERE id = $1 AND enabled RETURNING url`,
    [id, reason, now()],
  );
  if (!rows[0]) return null;
  await recordAudit(tx, systemContext(tenantId, 'webhooks'), {
    action: 'webhook.disabled',
    targetType: 'webhook',
    targetId: id,
    after: { reason },
  });
  return { id, url: rows[0].url, reason };
}

/** Endpoints failing without a success for DISABLE_AFTER_MS are turned off. */
export async function disableLongFailing(tx: Tx, tenantId: string, only?: string): Promise<Disabled[]> {
  const since = new Date(now().getTime() - DISABLE_AFTER_MS);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints WHERE enabled AND failing_since <= $1 ${only ? 'AND id = $2' : ''}`,
    only ? [since, only] : [since],
  );
  const out: Disabled[] = [];
  for (const row of rows) {
    const done = await disable(tx, tenantId, row.id, 'failing');
    if (done) out.push(done);
  }
  return out;
}

/** Tells the workspace's owners and admins that the server turned an endpoint off. */
export async function mailDisabled(tenantId: string, disabled: Disabled[]): Promise<void> {
  if (!disabled.length) return;
  const ctx = systemContext(tenantId, 'webhooks');
  const admins = await withTenant(ctx, (tx) =>
    tx.query<{ user_id: string }>(`SELECT user_id FROM memberships WHERE role IN ('owner', 'admin')`),
  );
  const [people, workspace] = await Promise.all([
    findUsersByIds(admins.rows.map((r) => r.user_id)),
    describeTenant(tenantId),
  ]);
  const name = workspace?.name ?? 'your workspace';
  for (const endpoint of disabled) {
    const why =
      endpoint.reason === 'gone'
        ? 'it answered 410 Gone, which means "stop sending"'
        : 'every delivery to it failed for five days';
    for (const person of people.values()) {
      await sendMail(
        renderMail({
          to: person.email,
          subject: `A webhook endpoint in ${name} was disabled`,
          greeting: 'Hello,',
          paragraphs: [
            `Switchboard stopped sending events to ${endpoint.url} because ${why}.`,
            'Deliveries wait in its log: fix the receiver, turn the endpoint back on and replay what it missed.',
          ],
          action: { label: 'Open webhooks', url: `${appUrl()}/w/${tenantId}/webhooks` },
        }),
      );
    }
  }
}

/**
 * Writes an attempt's outcome: 2xx delivered (and the endpoint's failing run ends); 410 fails
 * the delivery and turns the endpoint off at once; anything else waits for the next step of
 * the schedule (or Retry-After), and fails once the steps are used up.
 */
export async function recordOutcome(
  tenantId: string,
  endpointId: string,
  delivery: { id: string; attempts: number },
  result: AttemptResult,
): Promise<void> {
  const at = now();
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const gone = result.status === 410;
  const next = ok || gone ? null : nextAttemptAt(delivery.attempts, at, result.retryAfterSeconds);
  const status = ok ? 'succeeded' : next ? 'pending' : 'failed';
  const disabled = await withTenant(systemContext(tenantId, 'webhooks.deliver'), async (tx) => {
    await tx.query(
      `UPDATE webhook_deliveries SET status = $2, next_attempt_at = $3, lease_until = NULL, response_status = $4, duration_ms = $5,
              response_excerpt = $6, error = $7, delivered_at = CASE WHEN $2 = 'succeeded' THEN $8::timestamptz ELSE delivered_at END
        WHERE id = $1`,
      [
        delivery.id,
        status,
        next,
        result.status,
        result.durationMs,
        result.excerpt,
        result.error ?? (ok ? null : `The receiver answered ${result.status}.`),
        at,
      ],
    );
    if (ok) {
      await tx.query('UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [
        endpointId,
      ]);
      return [];
    }
    await tx.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1 AND failing_since IS NULL', [
      endpointId,
      at,
    ]);
    if (gone) {
      const done = await disable(tx, tenantId, endpointId, 'gone');
      return done ? [done] : [];
    }
    return disableLongFailing(tx, tenantId, endpointId);
  });
  await mailDisabled(tenantId, disabled);
}
