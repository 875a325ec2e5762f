import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define';
import { enqueue } from '../../platform/jobs';
import { systemContext, withTenant } from '../../platform/tenancy';
import { activeTenantIds } from '../tenants';
import { runIngestion } from './pipeline';

/** One source through the pipeline. Safe to run twice: see runIngestion. */
export const ingestJob = defineJob({
  name: 'knowledge.ingest',
  data: z.object({
    tenantId: z.string().regex(/^ten_[0-9a-z]{26}$/),
    sourceId: z.string().min(1).max(60),
    sync: z.boolean(),
  }),
  retryLimit: 3,
  retryDelaySeconds: 5,
  // A 500-page crawl with a polite crawl delay takes a while; past this a run is presumed dead.
  expireInSeconds: 60 * 60,
  async handler({ tenantId, sourceId, sync }) {
    await runIngestion(systemContext(tenantId, 'knowledge.ingest'), sourceId, { sync });
  },
});

/**
 * Page and website sources whose next sync time has passed, queued one tenant at a time.
 * Their next_sync_at moves forward in the same transaction, so a source is queued once per
 * interval even when sweeps overlap; a sync that never finished is picked up after an hour.
 */
export async function queueDueSyncs(): Promise<number> {
  let queued = 0;
  for (const tenantId of await activeTenantIds()) {
    queued += await withTenant({ tenantId }, async (tx) => {
      const { rows } = await tx.query<{ id: string; status: string }>(
        `UPDATE knowledge_sources s
            SET next_sync_at = now() + make_interval(hours => s.sync_interval_hours),
                status = CASE WHEN s.status = 'failed' THEN 'pending' ELSE s.status END,
                stage = CASE WHEN s.status = 'failed' THEN NULL ELSE 'queued' END,
                error = CASE WHEN s.status = 'failed' THEN NULL ELSE s.error END,
                progress = 0, updated_at = now()
          WHERE s.id IN (
                SELECT id FROM knowledge_sources
                 WHERE next_sync_at <= now() AND sync_interval_hours IS NOT NULL AND kind IN ('url', 'website')
                   AND status IN ('ready', 'failed') AND (stage IS NULL OR updated_at < now() - interval '1 hour')
                 ORDER BY next_sync_at LIMIT 100 FOR UPDATE SKIP LOCKED)
          RETURNING s.id, s.status`,
      );
      for (const row of rows) {
        await enqueue(tx, ingestJob, { tenantId, sourceId: row.id, sync: row.status === 'ready' });
      }
      return rows.length;
    });
  }
  return queued;
}

export const syncDueJob = defineJob({
  name: 'knowledge.sync-due',
  data: z.object({}),
  retryLimit: 1,
  schedule: { cron: '*/5 * * * *', data: {} },
  async handler() {
    await queueDueSyncs();
  },
});
