import { eq } from 'drizzle-orm';
import { TtlCache } from '../../platform/cache/ttl-cache';
import { detachedFromTransaction, withPlatform } from '../../platform/tenancy';
import { tenants, type Tenant } from './schema';

type Status = Tenant['status'];
/** null: no such tenant (remembered too, so an unknown id does not cost a query per request). */
const cache = new TtlCache<string, Status | null>({ ttlMs: 5_000, max: 10_000, refreshAheadMs: 1_000 });

const readStatus = async (tenantId: string): Promise<Status | null> =>
  (
    await withPlatform((tx) => tx.db.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, tenantId)))
  )[0]?.status ?? null;

/**
 * A tenant's status for the request path, cached for five seconds: a suspension takes effect
 * on this process at once and on other processes within that time (a workspace in use is read
 * again in the background before then, not on a request's path).
 */
export async function getTenantStatus(tenantId: string): Promise<Status | null> {
  return (await cache.read(
    tenantId,
    () => readStatus(tenantId),
    () => detachedFromTransaction(() => readStatus(tenantId)),
  ))!;
}

export function forgetTenantStatus(tenantId: string): void {
  cache.delete(tenantId);
}

/** A workspace's public face (name, status), e.g. for an invitation page. */
export async function describeTenant(
  tenantId: string,
): Promise<{ id: string; name: string; status: Status; suspendedReason: string | null } | null> {
  const [row] = await withPlatform((tx) =>
    tx.db
      .select({ id: tenants.id, name: tenants.name, status: tenants.status, suspendedReason: tenants.suspendedReason })
      .from(tenants)
      .where(eq(tenants.id, tenantId)),
  );
  return row ?? null;
}

/** A workspace's plan (`free` unless the operator changed it), for plan-based limits. */
export async function getTenantPlan(tenantId: string): Promise<string | null> {
  const [row] = await withPlatform((tx) =>
    tx.db.select({ plan: tenants.plan }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return row?.plan ?? null;
}
