import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/**
 * Claims carried in a token and signed, nothing stored: `<prefix>.<base64url JSON>.<HMAC>`.
 * The key is derived per purpose by the caller, so a token made for one purpose never passes
 * for another. Used by the widget's visitor tokens and the mailed resume links.
 */
const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function sealClaims(key: Buffer, prefix: string, claims: { exp: number }): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${prefix}.${body}.${mac(key, body).toString('base64url')}`;
}

export type OpenedClaims<T> = { ok: true; claims: T } | { ok: false; reason: 'invalid' | 'expired' };

/** The claims of a token this key signed with this prefix, or why not (forged or garbled, or expired). */
export function openClaims<T extends { exp: number }>(
  key: Buffer,
  prefix: string,
  token: string,
  schema: z.ZodType<T>,
): OpenedClaims<T> {
  const [version, body, signature, extra] = token.split('.');
  if (version !== prefix || !body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let claims: T;
  try {
    claims = schema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.exp * 1000 <= Date.now()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
