import { createHmac, randomBytes } from 'node:crypto';
import { currentSecretKey, deriveKey } from '../../../platform/crypto';

/**
 * `sb_live_<32 secret chars>_<tenant id body>`. The tenant in the key routes the lookup to
 * that tenant's rows (tenant-led index, RLS) instead of scanning every tenant's keys; the
 * stored hash is an HMAC under the installation's secret, so a leaked table reveals nothing
 * usable.
 */
const KEY = /^sb_live_([A-Za-z0-9]{32})_([0-9a-z]{26})$/;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62 characters without modulo bias. */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) if (byte < 248 && out.length < length) out += BASE62[byte % 62];
  }
  return out;
}

export function generateApiKey(tenantId: string): { key: string; displayPrefix: string } {
  const key = `sb_live_${randomToken(32)}_${tenantId.slice(4)}`;
  return { key, displayPrefix: key.slice(0, 14) };
}

export function parseApiKey(key: string): { tenantId: string } | null {
  const match = KEY.exec(key);
  return match ? { tenantId: `ten_${match[2]}` } : null;
}

export function hashApiKey(key: string): string {
  return createHmac('sha256', deriveKey(currentSecretKey(), 'api-key-hash')).update(key).digest('hex');
}

/** Same scheme for other tokens found by their holder (invitations). */
export function hashToken(token: string, purpose: string): string {
  return createHmac('sha256', deriveKey(currentSecretKey(), `token:${purpose}`))
    .update(token)
    .digest('hex');
}
