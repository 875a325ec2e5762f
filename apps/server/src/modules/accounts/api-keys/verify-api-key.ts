import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { withTenant } from '../../../platform/tenancy';
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
 * The key's tenant and grants, or null for an unknown, malformed or revoked key. `last used`
 * is written at most once a minute per key, not on every request.
 */
export async function verifyApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const hash = hashApiKey(key);
  return withTenant({ tenantId: parsed.tenantId }, async (tx) => {
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
    return { tenantId: parsed.tenantId, keyId: row.id, scopes: row.scopes, agentIds: row.agentIds };
  });
}
