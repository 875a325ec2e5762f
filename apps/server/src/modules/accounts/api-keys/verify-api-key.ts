import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { TtlCache } from '../../../platform/cache/ttl-cache';
import { detachedFromTransaction, withTenant } from '../../../platform/tenancy';
import { apiKeys } from '../schema';
import { hashApiKey, parseApiKey } from './key-format';

export interface ApiKeyPrincipal {
  tenantId: string;
  keyId: string;
  scopes: string[];
  agentIds: string[] | null;
}

const TOUCH_AFTER_MS = 60_000;
/**
 * Valid keys are remembered this long per process (by hash): one transaction less per API
 * call. A key in use is read again in the background in its last second (TtlCache).
 */
const verified = new TtlCache<string, ApiKeyPrincipal>({ ttlMs: 5_000, max: 10_000, refreshAheadMs: 1_000 });

/**
 * The key's tenant and grants, or null for an unknown, malformed or revoked key. `last used`
 * is written at most once a minute per key, not on every request. A valid key is remembered
 * for five seconds: its revocation takes effect on this process at once (forgetApiKey) and on
 * other processes within that time (a key in use is read again before then), like a
 * workspace's suspension. Unknown keys are never remembered, so guessing fills nothing.
 */
export async function verifyApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const hash = hashApiKey(key);
  const load = async () => (await lookUp(parsed.tenantId, hash)) ?? undefined;
  return (await verified.read(hash, load, () => detachedFromTransaction(load))) ?? null;
}

/** Forgets a key this process remembered (after its revocation commits). */
export function forgetApiKey(keyId: string): void {
  verified.deleteWhere((principal) => principal.keyId === keyId);
}

async function lookUp(tenantId: string, hash: string): Promise<ApiKeyPrincipal | null> {
  return withTenant({ tenantId }, async (tx) => {
    const [row] = await tx.db
      .select({ id: apiKeys.id, scopes: apiKeys.scopes, agentIds: apiKeys.agentIds, lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.secretHash, hash), isNull(apiKeys.revokedAt)));
    if (!row) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      const stale = new Date(Date.now() - TOUCH_AFTER_MS);
      await tx.db
        .update(apiKeys)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
    }
    return { tenantId, keyId: row.id, scopes: row.scopes, agentIds: row.agentIds };
  });
}
