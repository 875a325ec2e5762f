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

export type Disabled = { id: string; url: string; reason: 'gone' | 'failing' };

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
export async function disableLongFailing(tx: Tx, tenantId: string, only?: string[]): Promise<Disabled[]> {
  const since = new Date(now().getTime() - DISABLE_AFTER_MS);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints WHERE enabled AND failing_since <= $1 ${only ? 'AND id = ANY($2::text[])' : ''}`,
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

export interface Outcome {
  delivery: { id: string; attempts: number };
  result: AttemptResult;
}

const isOk = (result: AttemptResult) => result.status !== null && result.status >= 200 && result.status < 300;

/**
 * Writes attempts' outcomes for several endpoints, in the order they finished, in the
 * caller's transaction (one statement for them all: the embedded database has one connection
 * and a receiver answering hundreds a second must not cost hundreds of transactions). 2xx is
 * delivered and ends the endpoint's failing run; 410 fails the delivery and turns the endpoint
 * off at once; anything else waits for the next step of the schedule (or Retry-After), and
 * fails once the steps are used up. Returns the endpoints turned off, for the mail after the
 * commit.
 */
export async function recordOutcomes(
  tx: Tx,
  tenantId: string,
  batches: Array<{ endpointId: string; outcomes: Outcome[] }>,
): Promise<Disabled[]> {
  const done = batches.filter((b) => b.outcomes.length);
  if (!done.length) return [];
  const at = now();
  const rows = done
    .flatMap((b) => b.outcomes)
    .map(({ delivery, result }) => {
      const ok = isOk(result);
      const next = ok || result.status === 410 ? null : nextAttemptAt(delivery.attempts, at, result.retryAfterSeconds);
      return {
        id: delivery.id,
        status: ok ? 'succeeded' : next ? 'pending' : 'failed',
        next: next?.toISOString() ?? null,
        code: result.status,
        ms: result.durationMs,
        excerpt: result.excerpt,
        error: result.error ?? (ok ? null : `The receiver answered ${result.status}.`),
      };
    });
  await tx.query(
    `UPDATE webhook_deliveries d SET status = o.status, next_attempt_at = o.next, lease_until = NULL, response_status = o.code,
            duration_ms = o.ms, response_excerpt = o.excerpt, error = o.error,
            delivered_at = CASE WHEN o.status = 'succeeded' THEN $8::timestamptz ELSE d.delivered_at END
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[])
            AS o(id, status, next, code, ms, excerpt, error)
      WHERE d.tenant_id = $9 AND d.id = o.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.status),
      rows.map((r) => r.next),
      rows.map((r) => r.code),
      rows.map((r) => r.ms),
      rows.map((r) => r.excerpt),
      rows.map((r) => r.error),
      at,
      tenantId,
    ],
  );
  // Each endpoint's state follows its latest answer; 410 turns it off whatever came after.
  const gone = done.filter((b) => b.outcomes.some((o) => o.result.status === 410)).map((b) => b.endpointId);
  const lastOk = done.map((b) => isOk(b.outcomes[b.outcomes.length - 1]!.result));
  await tx.query(
    `UPDATE webhook_endpoints e SET failing_since = CASE WHEN s.ok THEN NULL ELSE coalesce(e.failing_since, $3) END
       FROM unnest($1::text[], $2::boolean[]) AS s(id, ok)
      WHERE e.id = s.id AND (CASE WHEN s.ok THEN e.failing_since IS NOT NULL ELSE e.failing_since IS NULL END)`,
    [done.map((b) => b.endpointId), lastOk, at],
  );
  const disabled: Disabled[] = [];
  for (const endpointId of gone) {
    const off = await disable(tx, tenantId, endpointId, 'gone');
    if (off) disabled.push(off);
  }
  const failing = done.filter((b, i) => !lastOk[i] && !gone.includes(b.endpointId));
  if (failing.length)
    disabled.push(
      ...(await disableLongFailing(
        tx,
        tenantId,
        failing.map((b) => b.endpointId),
      )),
    );
  return disabled;
}
