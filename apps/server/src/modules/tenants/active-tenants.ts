import { withPlatform } from '../../platform/tenancy';

/**
 * Ids of active workspaces (not suspended or deleted), for jobs that sweep every tenant one
 * tenant-scoped transaction at a time (scheduled knowledge syncs).
 */
export async function activeTenantIds(): Promise<string[]> {
  return withPlatform(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(`SELECT id FROM tenants WHERE status = 'active' ORDER BY id`);
    return rows.map((r) => r.id);
  });
}
