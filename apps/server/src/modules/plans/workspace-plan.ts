import type { Plan } from '@switchboard/contract/plans';
import { eq } from 'drizzle-orm';
import { TtlCache } from '../../platform/cache/ttl-cache';
import { detachedFromTransaction, withPlatform } from '../../platform/tenancy';
import { tenants } from '../tenants';
import { toPlan } from './read-plans';
import { plans } from './schema';

/**
 * A workspace's plan for the request path, cached like a workspace's status: a change made on
 * this process (assignPlan, a catalog edit) forgets the entries at once; other processes read
 * it again within the TTL.
 */
const cache = new TtlCache<string, Plan | null>({ ttlMs: 5_000, max: 10_000, refreshAheadMs: 1_000 });

const readPlan = async (tenantId: string): Promise<Plan | null> => {
  const [row] = await withPlatform((tx) =>
    tx.db
      .select({ plan: plans })
      .from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.plan))
      .where(eq(tenants.id, tenantId)),
  );
  return row ? toPlan(row.plan) : null;
};

/** The plan a workspace is on; null for an unknown workspace. */
export async function getWorkspacePlan(tenantId: string): Promise<Plan | null> {
  return (await cache.read(
    tenantId,
    () => readPlan(tenantId),
    () => detachedFromTransaction(() => readPlan(tenantId)),
  ))!;
}

export function forgetWorkspacePlan(tenantId?: string): void {
  if (tenantId) cache.delete(tenantId);
  else cache.deleteWhere(() => true);
}
