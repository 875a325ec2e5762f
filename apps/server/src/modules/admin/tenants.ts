import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { listTenantsInput } from '@switchboard/contract/admin';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { withPlatform } from '../../platform/tenancy';
import { listMembers } from '../team';
import { memberships, tenants } from '../tenants';

export interface TenantUsage {
  id: string;
  name: string;
  slug: string;
  status: string;
  plan: string;
  suspendedReason: string | null;
  createdAt: Date;
  members: number;
  apiKeys: number;
}

/** Every workspace with its usage, for the super admin console. */
export async function listTenantsWithUsage(
  input: z.input<typeof listTenantsInput>,
): Promise<{ tenants: TenantUsage[]; total: number }> {
  const q = listTenantsInput.parse(input);
  const where: SQL[] = [];
  if (q.q) {
    const pattern = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern), eq(tenants.id, q.q))!);
  }
  if (q.status) where.push(eq(tenants.status, q.status));
  return withPlatform(async (tx) => {
    const rows = await tx.db
      .select({
        id: tenants.id,
        name: tenants.name,
        slug: tenants.slug,
        status: tenants.status,
        plan: tenants.plan,
        suspendedReason: tenants.suspendedReason,
        createdAt: tenants.createdAt,
        // Qualified by hand: an interpolated column renders as a bare "id", which a subquery
        // would bind to its own table's id.
        members: sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.tenant_id = tenants.id)`,
        apiKeys: sql<number>`(SELECT count(*)::int FROM api_keys k WHERE k.tenant_id = tenants.id AND k.revoked_at IS NULL)`,
      })
      .from(tenants)
      .where(and(...where))
      .orderBy(desc(tenants.createdAt))
      .limit(q.limit)
      .offset(q.offset);
    const [count] = await tx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(tenants)
      .where(and(...where));
    return { tenants: rows, total: count?.n ?? 0 };
  });
}

/** One workspace and its members (to pick whom to impersonate). */
export async function getTenantDetail(tenantId: string) {
  const [tenant] = (await listTenantsWithUsage({ q: tenantId, limit: 1 })).tenants.filter((t) => t.id === tenantId);
  if (!tenant) throw new NotFoundError('Workspace');
  const members = await listMembers({
    tenantId,
    actor: { type: 'system', reason: 'super admin console' },
    requestId: 'admin',
  });
  return { tenant, members };
}

export async function workspacesOf(userId: string): Promise<string[]> {
  const rows = await withPlatform((tx) =>
    tx.db.select({ id: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId)),
  );
  return rows.map((r) => r.id);
}
