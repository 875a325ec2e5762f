import { z } from 'zod';
import { currentSecretKey, deriveKey, openClaims, sealClaims } from '../../platform/crypto';
import { systemContext, withTenant } from '../../platform/tenancy';
import { appUrl } from '../../platform/app-url';

const PURPOSE = 'analytics-report-unsubscribe';
const PREFIX = 'sbu1';
/** Long enough that an old mail's link still works; a new mail carries a new one. */
const LIFETIME_SECONDS = 5 * 365 * 86_400;

const claims = z.object({ w: z.string().min(1), r: z.string().min(1), e: z.string().min(1), exp: z.number() });

/**
 * The signed token of one recipient's unsubscribe link: it names the workspace, the report and
 * the address, and only the server's key makes a valid one, so nobody can guess another
 * recipient's link or turn one into a link for another report.
 */
export function unsubscribeToken(tenantId: string, reportId: string, email: string): string {
  const token: z.infer<typeof claims> = {
    w: tenantId,
    r: reportId,
    e: email,
    exp: Math.floor(Date.now() / 1000) + LIFETIME_SECONDS,
  };
  return sealClaims(deriveKey(currentSecretKey(), PURPOSE), PREFIX, token);
}

export function unsubscribeUrl(tenantId: string, reportId: string, email: string): string {
  return `${appUrl()}/reports/unsubscribe?token=${encodeURIComponent(unsubscribeToken(tenantId, reportId, email))}`;
}

export type UnsubscribeOutcome =
  { ok: true; email: string; reportName: string } | { ok: false; reason: 'invalid' | 'gone' };

/** Takes the token's address off the token's report; a forged, garbled or expired token changes nothing. */
export async function unsubscribeRecipient(token: string): Promise<UnsubscribeOutcome> {
  const opened = openClaims(deriveKey(currentSecretKey(), PURPOSE), PREFIX, token, claims);
  if (!opened.ok) return { ok: false, reason: 'invalid' };
  const { w: tenantId, r: reportId, e: email } = opened.claims;
  return withTenant(systemContext(tenantId, 'analytics.unsubscribe'), async (tx) => {
    const { rows } = await tx.query<{ name: string }>(
      `UPDATE analytics_reports
          SET unsubscribed = CASE WHEN $2 = ANY(unsubscribed) THEN unsubscribed ELSE array_append(unsubscribed, $2) END
        WHERE id = $1 AND $2 = ANY(recipients)
        RETURNING name`,
      [reportId, email],
    );
    return rows[0] ? { ok: true, email, reportName: rows[0].name } : { ok: false, reason: 'gone' };
  });
}
