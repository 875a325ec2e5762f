import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../../test/support/fixtures/http-server';
import { chunkRows, search, settled, type Source } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { systemContext, withPlatform, withTenant } from '../../platform/tenancy';
import { publishStaged, stageChunks } from './chunk-store';
import { configureExtraction } from './extraction';
import { ExtractorStoppedError } from './ingest/sandbox/extractor';
import { queueDueSyncs } from './jobs';
import { runIngestion } from './pipeline';
import { claim, DIED_TWICE, SYNC_PAUSE_AFTER } from './run-state';

/**
 * Ingestion that cannot crash-loop, on both databases: a source whose runs died twice is
 * failed for good with a sentence saying so; a run cut short by shutdown is not counted and
 * runs again; a scheduled source that keeps failing stops being synced until someone acts.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let page: LocalServer;
let mode: 'up' | 'down' = 'up';

const row = async (id: string) =>
  (
    await withPlatform((tx) =>
      tx.query<{
        status: string;
        unfinished_runs: number;
        sync_failures: number;
        next_sync_at: Date | null;
        error: string | null;
      }>('SELECT status, unfinished_runs, sync_failures, next_sync_at, error FROM knowledge_sources WHERE id = $1', [
        id,
      ]),
    )
  ).rows[0]!;

/** A text source parked in `pending` without a job: the test drives runIngestion itself. */
async function parkedTextSource(text: string): Promise<string> {
  const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
    kind: 'text',
    title: 'Parked',
    text,
  });
  await settled(ws.api, body.source.id);
  await withPlatform((tx) =>
    tx.query(
      `UPDATE knowledge_sources SET status = 'pending', stage = NULL, chunk_count = 0, content_hash = NULL WHERE id = $1`,
      [body.source.id],
    ),
  );
  return body.source.id;
}

/** Due now, swept, and run until it has failed once more. */
async function failedScheduledSync(id: string): Promise<Source> {
  await withPlatform((tx) =>
    tx.query(`UPDATE knowledge_sources SET next_sync_at = now() - interval '1 minute' WHERE id = $1`, [id]),
  );
  const before = (await row(id)).sync_failures;
  expect(await queueDueSyncs()).toBeGreaterThanOrEqual(1);
  const deadline = Date.now() + 20_000;
  while ((await row(id)).sync_failures === before) {
    if (Date.now() > deadline) throw new Error('the scheduled sync did not run');
    await new Promise((r) => setTimeout(r, 50));
  }
  return settled(ws.api, id);
}

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'ingest-guard');
  page = await startServer((_req, res) => {
    if (mode === 'down') {
      res.writeHead(500);
      return res.end('down');
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<html><body><main><h1>Returns</h1><p>Returns are accepted within thirty days of delivery, with the receipt.</p></main></body></html>',
    );
  });
});
afterAll(async () => {
  await page?.close();
});

describe('ingestion that cannot crash-loop', () => {
  it('fails a source for good, with a readable reason, when two runs of it died', async () => {
    const id = await parkedTextSource('Our shop opens at nine every weekday morning.');
    const ctx = systemContext(ws.id, 'test');
    // Two runs that took the source and never came back (a process killed mid-run leaves exactly this).
    expect(await claim(ctx, id, false)).toMatchObject({ source: { id } });
    expect(await claim(ctx, id, false)).toMatchObject({ source: { id } });
    await runIngestion(ctx, id, { sync: false });
    const failed = await settled(ws.api, id);
    expect(failed).toMatchObject({ status: 'failed', error: DIED_TWICE });
    expect((await row(id)).unfinished_runs).toBe(0);
    // Retry is the person's call, and then it works.
    expect((await ws.api.post(`/api/v1/knowledge/sources/${id}/retry`)).status).toBe(200);
    expect(await settled(ws.api, id)).toMatchObject({ status: 'ready', error: null });
  });

  it('runs a source again after one run died', async () => {
    const id = await parkedTextSource('Deliveries leave the warehouse every afternoon.');
    const ctx = systemContext(ws.id, 'test');
    await claim(ctx, id, false);
    await runIngestion(ctx, id, { sync: false });
    expect(await settled(ws.api, id)).toMatchObject({ status: 'ready' });
    expect((await row(id)).unfinished_runs).toBe(0);
  });

  it('does not count a run the shutdown cut short, and leaves the source to run again', async () => {
    const id = await parkedTextSource('Gift cards never expire.');
    const stop = configureExtraction({ cpuSeconds: 60, memoryMb: 1024, maxChunksPerSource: 10_000 });
    await stop();
    try {
      await expect(runIngestion(systemContext(ws.id, 'test'), id, { sync: false })).rejects.toBeInstanceOf(
        ExtractorStoppedError,
      );
      expect(await row(id)).toMatchObject({ status: 'processing', unfinished_runs: 0, error: null });
    } finally {
      configureExtraction({ cpuSeconds: 60, memoryMb: 1024, maxChunksPerSource: 10_000 });
    }
    await runIngestion(systemContext(ws.id, 'test'), id, { sync: false });
    expect(await settled(ws.api, id)).toMatchObject({ status: 'ready' });
  });

  it(`pauses the sync schedule of a source after ${SYNC_PAUSE_AFTER} failed syncs in a row, keeping its passages`, async () => {
    mode = 'up';
    const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'url',
      url: `${page.origin}/returns`,
      syncIntervalHours: 24,
    });
    const ready = await settled(ws.api, body.source.id);
    expect(ready.status).toBe('ready');
    const chunks = await chunkRows(body.source.id);
    mode = 'down';
    for (let failure = 1; failure <= SYNC_PAUSE_AFTER; failure++) {
      const synced = await failedScheduledSync(body.source.id);
      expect(synced).toMatchObject({ status: 'ready', error: expect.stringContaining('The last sync failed') });
      expect((await row(body.source.id)).sync_failures).toBe(failure);
      if (failure < SYNC_PAUSE_AFTER) expect(synced.nextSyncAt).not.toBeNull();
    }
    const paused = await settled(ws.api, body.source.id);
    expect(paused.nextSyncAt).toBeNull();
    expect(paused.error).toContain(`Automatic syncing is paused after ${SYNC_PAUSE_AFTER} failures in a row`);
    expect(await chunkRows(body.source.id)).toEqual(chunks);
    expect(await queueDueSyncs()).toBe(0);

    // Syncing it by hand, once the page is back, resumes the schedule.
    mode = 'up';
    expect((await ws.api.post(`/api/v1/knowledge/sources/${body.source.id}/sync`)).status).toBe(200);
    const resumed = await settled(ws.api, body.source.id);
    expect(resumed).toMatchObject({ status: 'ready', error: null });
    expect(resumed.nextSyncAt).not.toBeNull();
    expect((await row(body.source.id)).sync_failures).toBe(0);
  });
});

describe('staged chunk writes', () => {
  const chunk = (text: string) => ({ text, heading: '', tokens: 8 });
  const found = async (words: string, sourceId: string) =>
    (await search(ws.api, words)).filter((p) => p.sourceId === sourceId).map((p) => p.text);

  it('keeps staged chunks out of search until their run swaps them in, then drops the old ones', async () => {
    const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Staged',
      text: 'Parcels ship from Lisbon on Mondays.',
    });
    const id = (await settled(ws.api, body.source.id)).id;
    const ctx = systemContext(ws.id, 'test');
    const fresh = Array.from({ length: 250 }, (_, i) => chunk(`Parcels ship from Porto on Fridays, batch ${i}.`));
    await stageChunks(ctx, id, 'run-new', 'english', fresh);
    expect(await found('Porto Fridays', id)).toEqual([]);
    expect(await found('Lisbon Mondays', id)).toHaveLength(1);
    expect(await withTenant(ctx, (tx) => publishStaged(tx, id, 'run-new', fresh.length))).toBe(true);
    expect(await found('Lisbon Mondays', id)).toEqual([]);
    expect((await found('Porto Fridays batch', id)).length).toBeGreaterThan(0);
    expect((await chunkRows(id)).map((c) => c.ordinal)).toEqual(fresh.map((_, i) => i));
    expect((await ws.api.json<{ source: Source }>(`/api/v1/knowledge/sources/${id}`)).body.source.chunkCount).toBe(250);
  });

  it('removes what a dead run staged, and refuses to publish a run whose rows are gone', async () => {
    const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Leftovers',
      text: 'Returns are free within Europe.',
    });
    const id = (await settled(ws.api, body.source.id)).id;
    const ctx = systemContext(ws.id, 'test');
    await stageChunks(ctx, id, 'run-dead', 'english', [chunk('Leftover zebra passage from a dead run.')]);
    await stageChunks(ctx, id, 'run-next', 'english', [chunk('Returns are free worldwide.')]);
    expect(await withTenant(ctx, (tx) => publishStaged(tx, id, 'run-dead', 1))).toBe(false);
    expect(await found('returns free Europe', id)).toHaveLength(1);
    expect(await withTenant(ctx, (tx) => publishStaged(tx, id, 'run-next', 1))).toBe(true);
    expect((await chunkRows(id)).map((c) => c.text)).toEqual(['Returns are free worldwide.']);
    expect(await found('leftover zebra passage', id)).toEqual([]);
  });
});
