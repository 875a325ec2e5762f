import { eq, sql } from 'drizzle-orm';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { randomUUID } from 'node:crypto';
import { publishStaged, stageChunks, type ChunkInput } from './chunk-store';
import { knowledgeSources, type SourceRow } from './schema';

/** A run that died this many times without finishing (a crash, an out-of-memory kill) is not tried again. */
export const MAX_UNFINISHED_RUNS = 2;
/** Failed syncs in a row after which a source's sync schedule pauses. */
export const SYNC_PAUSE_AFTER = 3;

const nextSync = (hours: number | null) => (hours ? new Date(Date.now() + hours * 3_600_000) : null);

export const DIED_TWICE =
  'Processing this source stopped twice before it finished (the server restarted or ran out of memory while reading it), so it was not tried again automatically. Check the file or page, then retry it.';

/** Stage and percentage in a short transaction of their own, so a poller sees them at once. */
export async function report(ctx: ServiceContext, id: string, stage: string, progress: number): Promise<void> {
  await withTenant(ctx, (tx) =>
    tx.db
      .update(knowledgeSources)
      .set({ stage, progress: Math.max(0, Math.min(99, Math.round(progress))), updatedAt: new Date() })
      .where(eq(knowledgeSources.id, id)),
  );
}

export type Claim = { source: SourceRow } | { diedBefore: true } | null;

/**
 * Takes the source for this run. Runs again from the start whatever a previous (crashed)
 * run left: nothing is stored before the last step, which replaces the source's chunks in
 * one transaction. A ready source being synced stays ready (its chunks stay searchable).
 * The run is counted as unfinished until it ends; when earlier runs died MAX_UNFINISHED_RUNS
 * times, the caller fails the source instead of running it into the same crash again.
 */
export async function claim(ctx: ServiceContext, id: string, sync: boolean): Promise<Claim> {
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id)).for('update');
    if (!row || row.kind === 'qa' || row.status === 'failed' || (row.status === 'ready' && !sync)) return null;
    if (row.unfinishedRuns >= MAX_UNFINISHED_RUNS) return { diedBefore: true };
    await tx.db
      .update(knowledgeSources)
      .set({
        status: row.status === 'ready' ? 'ready' : 'processing',
        stage: 'fetch',
        progress: 1,
        unfinishedRuns: row.unfinishedRuns + 1,
        updatedAt: new Date(),
      })
      .where(eq(knowledgeSources.id, id));
    return { source: row };
  });
}

/** The server is stopping mid-run: not the source's fault, so the run is not counted as one that died. */
export async function release(ctx: ServiceContext, id: string): Promise<void> {
  await withTenant(ctx, (tx) =>
    tx.db
      .update(knowledgeSources)
      .set({ unfinishedRuns: sql`greatest(${knowledgeSources.unfinishedRuns} - 1, 0)` })
      .where(eq(knowledgeSources.id, id)),
  );
}

/**
 * Ready, with its new chunks (or, content unchanged, its old ones) and the next sync planned.
 * The chunks are staged in short transactions first, then swapped in with the status in one.
 */
export async function finish(
  ctx: ServiceContext,
  source: SourceRow,
  done: { hash: string; title: string | null; chunks: ChunkInput[] | null; language?: string },
): Promise<void> {
  const id = source.id;
  const runId = randomUUID();
  await report(ctx, id, 'store', 90);
  if (done.chunks) {
    const total = done.chunks.length;
    await stageChunks(ctx, id, runId, source.tsConfig, done.chunks, (written) =>
      report(ctx, id, 'store', 90 + (9 * written) / total),
    );
  }
  await withTenant(ctx, async (tx) => {
    // Locked first: a concurrent (stale) run of the same source waits for this one to end.
    const [row] = await tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id)).for('update');
    if (!row) return;
    if (done.chunks && !(await publishStaged(tx, id, runId, done.chunks.length))) return;
    const autoTitle = row.config.autoTitle === true && done.title ? { title: done.title.slice(0, 200) } : {};
    await tx.db
      .update(knowledgeSources)
      .set({
        status: 'ready',
        stage: null,
        progress: 100,
        error: null,
        contentHash: done.hash,
        lastSyncedAt: new Date(),
        nextSyncAt: nextSync(row.syncIntervalHours),
        unfinishedRuns: 0,
        syncFailures: 0,
        updatedAt: new Date(),
        ...autoTitle,
        ...(done.language && { language: done.language }),
      })
      .where(eq(knowledgeSources.id, id));
    await emit(tx, 'knowledge.source.ready', {
      sourceId: id,
      kind: row.kind,
      title: autoTitle.title ?? row.title,
      chunkCount: done.chunks?.length ?? row.chunkCount,
    });
  });
}

/**
 * Failed with a readable reason. A sync that fails keeps the source's last good chunks
 * searchable and says why it is stale; a scheduled source that keeps failing stops being
 * synced (SYNC_PAUSE_AFTER in a row) until someone syncs it or changes its schedule.
 */
export async function fail(ctx: ServiceContext, id: string, message: string, final = false): Promise<void> {
  await withTenant(ctx, async (tx) => {
    const [row] = await tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id)).for('update');
    if (!row) return;
    const keep = row.status === 'ready' && row.chunkCount > 0;
    const syncFailures = row.syncIntervalHours ? row.syncFailures + 1 : 0;
    const paused = syncFailures >= SYNC_PAUSE_AFTER;
    const reason = keep ? `The last sync failed: ${message}` : message;
    const common = {
      error: paused
        ? `${reason} Automatic syncing is paused after ${syncFailures} failures in a row; sync it now or change its schedule to resume.`
        : reason,
      nextSyncAt: paused ? null : nextSync(row.syncIntervalHours),
      unfinishedRuns: 0,
      errorFinal: final,
      syncFailures,
      updatedAt: new Date(),
    };
    await tx.db
      .update(knowledgeSources)
      .set(keep ? { ...common, stage: null, progress: 100 } : { ...common, status: 'failed' })
      .where(eq(knowledgeSources.id, id));
    await emit(tx, 'knowledge.source.failed', {
      sourceId: id,
      kind: row.kind,
      title: row.title,
      error: common.error,
      keptLastGood: keep,
    });
  });
}
