import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define';
import { withPlatform } from '../../platform/tenancy';

/** Tenant data a deleted workspace keeps: its audit trail. */
const KEPT = new Set(['audit_log']);

/**
 * Deletes every row of a workspace from every tenant table (found in the catalog, so new
 * modules' tables are covered without touching this job), then marks the tenant deleted.
 * Idempotent: a rerun finds nothing left to delete.
 */
export const purgeTenantJob = defineJob({
  name: 'tenants.purge',
  data: z.object({ tenantId: z.string().regex(/^ten_[0-9a-z]{26}$/) }),
  retryLimit: 10,
  async handler({ tenantId }) {
    await withPlatform(async (tx) => {
      const { rows } = await tx.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`,
      );
      let pending = rows.map((r) => r.table).filter((table) => !KEPT.has(table));
      // Tables referencing others must go first; retry whatever a foreign key held back.
      for (let pass = 0; pending.length && pass < pending.length + 1; pass++) {
        const blocked: string[] = [];
        for (const table of pending) {
          await tx.query('SAVEPOINT purge');
          try {
            await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenantId]);
            await tx.query('RELEASE SAVEPOINT purge');
          } catch (error) {
            if ((error as { code?: string }).code !== '23503') throw error;
            await tx.query('ROLLBACK TO SAVEPOINT purge');
            blocked.push(table);
          }
        }
        pending = blocked;
      }
      if (pending.length) throw new Error(`Could not purge ${pending.join(', ')} for ${tenantId}`);
      await tx.query(`UPDATE tenants SET status = 'deleted', deleted_at = now(), updated_at = now() WHERE id = $1`, [
        tenantId,
      ]);
    });
  },
});
