import { eq } from 'drizzle-orm';
import { withPlatform } from '../../platform/tenancy';
import { tenants, type Tenant } from './schema';

type Status = Tenant['status'];
const TTL_MS = 5_000;
const cache = new Map<string, { status: Status | null; at: number }>();

/**
 * A tenant's status for the request path, cached for five seconds: a suspension takes effect
 * on this process at once and on other processes within that time.
 */
export async function getTenantStatus(tenantId: string): Promise<Status | null> {
  const hit = cache.get(tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.status;
  const [row] = await withPlatform((tx) => tx.db.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, tenantId)));
  const status = row?.status ?? null;
  cache.set(tenantId, { status, at: Date.now() });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return status;
}

export function forgetTenantStatus(tenantId: string): void {
  cache.delete(tenantId);
}

/** A workspace's public face (name, status), e.g. for an invitation page. */
export async function describeTenant(tenantId: string): Promise<{ id: string; name: string; status: Status; suspendedReason: string | null } | null> {
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
  const [row] = await withPlatform((tx) => tx.db.select({ plan: tenants.plan }).from(tenants).where(eq(tenants.id, tenantId)));
  return row?.plan ?? null;
}
