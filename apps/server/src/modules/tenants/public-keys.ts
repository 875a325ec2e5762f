import { and, eq } from 'drizzle-orm';
import { withPlatform } from '../../platform/tenancy';
import { publicKeyRegistry } from './schema';

const TENANT_ID = /^ten_[0-9a-z]{26}$/;

/**
 * Records that a publishable key belongs to a workspace, before the workspace's own row names
 * it: a crash in between leaves a registry row that resolves to a workspace which doesn't hold
 * the key, i.e. to nothing.
 */
export async function registerPublicKey(
  publicKey: string,
  tenantId: string,
  kind: 'widget' | 'channel',
): Promise<void> {
  if (!TENANT_ID.test(tenantId)) throw new Error('registerPublicKey needs a tenant id');
  await withPlatform((tx) => tx.db.insert(publicKeyRegistry).values({ publicKey, workspaceId: tenantId, kind }));
}

/** The workspace a publishable key routes to, or null. Callers confirm it in the workspace's rows. */
export async function resolvePublicKey(publicKey: string, kind: 'widget' | 'channel'): Promise<string | null> {
  const [row] = await withPlatform((tx) =>
    tx.db
      .select({ workspaceId: publicKeyRegistry.workspaceId })
      .from(publicKeyRegistry)
      .where(and(eq(publicKeyRegistry.publicKey, publicKey), eq(publicKeyRegistry.kind, kind))),
  );
  return row?.workspaceId ?? null;
}

/** Forgets a rotated key (only the workspace that owns it can). */
export async function forgetPublicKey(publicKey: string, tenantId: string): Promise<void> {
  await withPlatform((tx) =>
    tx.db
      .delete(publicKeyRegistry)
      .where(and(eq(publicKeyRegistry.publicKey, publicKey), eq(publicKeyRegistry.workspaceId, tenantId))),
  );
}
