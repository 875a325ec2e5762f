import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { currentSecretKey, deriveKey, openClaims, sealClaims } from '../../platform/crypto';
import { UnauthorizedError } from '../../platform/errors';

/**
 * The widget's credentials, both HMACs under keys derived from SECRET_KEY (nothing stored):
 * - the visitor token (`sbv1.<claims>.<mac>`), short-lived, bound to one tenant, agent,
 *   visitor and conversation, sent as `Authorization: Bearer` on every call after the session;
 * - the visitor key, long-lived, which proves a browser is the visitor it says (it is what
 *   lets a returning visitor resume; a visitor id alone, which members see, does not).
 */
export const VISITOR_TOKEN_TTL_SECONDS = 30 * 60;

const claims = z.object({
  t: z.string(),
  a: z.string(),
  v: z.string(),
  c: z.string(),
  /** The visitor is a signed-in user of the site, verified by identity HMAC. */
  u: z.boolean(),
  exp: z.number().int(),
});

export type VisitorClaims = z.infer<typeof claims>;

const mac = (purpose: string, text: string) =>
  createHmac('sha256', deriveKey(currentSecretKey(), purpose)).update(text).digest();

export function signVisitorToken(
  input: Omit<VisitorClaims, 'exp'>,
  ttlSeconds = VISITOR_TOKEN_TTL_SECONDS,
): { token: string; expiresAt: Date } {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const token = sealClaims(deriveKey(currentSecretKey(), 'widget-visitor-token'), 'sbv1', { ...input, exp });
  return { token, expiresAt: new Date(exp * 1000) };
}

/** The token's claims; 401 `invalid_visitor_token` when forged or garbled, `visitor_token_expired` when old. */
export function verifyVisitorToken(token: string): VisitorClaims {
  const invalid = () =>
    new UnauthorizedError('The visitor token is not valid. Start the chat again.', 'invalid_visitor_token');
  const opened = openClaims(deriveKey(currentSecretKey(), 'widget-visitor-token'), 'sbv1', token, claims);
  if (opened.ok) return opened.claims;
  if (opened.reason === 'expired')
    throw new UnauthorizedError('The visitor token has expired. Start the chat again.', 'visitor_token_expired');
  throw invalid();
}

export function visitorKeyFor(tenantId: string, visitorId: string): string {
  return mac('widget-visitor-key', `${tenantId}:${visitorId}`).subarray(0, 24).toString('base64url');
}

export function visitorKeyValid(tenantId: string, visitorId: string, key: string): boolean {
  const expected = Buffer.from(visitorKeyFor(tenantId, visitorId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
