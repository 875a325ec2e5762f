import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../../test/support/fixtures/http-server';
import { startSite } from '../../../test/support/fixtures/site-server';
import { chunkRows, search, settled, type Source } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { withPlatform } from '../../platform/tenancy';
import { queueDueSyncs } from './jobs';

/**
 * Pages and websites as knowledge, on both databases: a local site crawled (sitemap, robots
 * exclusion, redirect loop), the egress guard's refusals, retry, on-demand and scheduled sync.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
const servers: LocalServer[] = [];

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'knowledge-web');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('pages and websites', () => {
  it('crawls the test site: sitemap used, robots exclusion and redirect loop survived', async () => {
    const site = await startSite({ sitemap: true });
    servers.push(site);
    const { status, body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'website',
      url: `${site.origin}/`,
      maxPages: 20,
    });
    expect(status).toBe(201);
    expect(body.source).toMatchObject({ kind: 'website', status: 'pending', url: `${site.origin}/` });
    const ready = await settled(ws.api, body.source.id);
    expect(ready.status).toBe('ready');
    const urls = new Set((await chunkRows(body.source.id)).map((c) => c.url?.slice(site.origin.length)));
    expect(urls).toEqual(
      new Set(['/', '/docs/getting-started', '/docs/billing', '/docs/faq', '/docs/billing?x=1&y=2']),
    );
    expect(site.requests.map((r) => r.path)).not.toContain('/private/secret');
    const hit = (await search(ws.api, 'Getting started page')).find((p) => p.sourceId === body.source.id);
    expect(hit?.url).toBe(`${site.origin}/docs/getting-started`);
    expect(ready.title).toBe('Home');
  });

  it('fails URL sources aimed at loopback and link-local addresses with the egress reason', async () => {
    for (const [url, reason] of [
      ['http://127.0.0.1:9/internal', /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is link-local/],
    ] as const) {
      const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', { kind: 'url', url });
      const failed = await settled(ws.api, body.source.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(reason);
    }
  });

  it('retries a failed page, syncs it, and skips re-chunking when nothing changed', async () => {
    let mode: 'down' | 'up' | 'changed' = 'down';
    const server = await startServer((req, res) => {
      if (mode === 'down') {
        res.writeHead(500);
        return res.end('oops');
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<html><head><title>Opening hours</title></head><body><main><h1>Opening hours</h1><p>We open at ${mode === 'up' ? 'nine' : 'ten'} in the morning on weekdays, every week of the year.</p></main></body></html>`,
      );
    });
    servers.push(server);
    const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'url',
      url: `${server.origin}/hours`,
      syncIntervalHours: 24,
    });
    const failed = await settled(ws.api, body.source.id);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('500') });
    mode = 'up';
    const retried = await ws.api.post<{ source: Source }>(`/api/v1/knowledge/sources/${body.source.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.source).toMatchObject({ status: 'pending', error: null });
    const ready = await settled(ws.api, body.source.id);
    expect(ready).toMatchObject({ status: 'ready', title: 'Opening hours', syncIntervalHours: 24 });
    expect(new Date(ready.nextSyncAt!).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const firstChunks = await chunkRows(body.source.id);
    expect((await ws.api.post(`/api/v1/knowledge/sources/${body.source.id}/retry`)).body.error.code).toBe('not_failed');

    // Sync, unchanged: same chunks (not rewritten), newer lastSyncedAt.
    await ws.api.post(`/api/v1/knowledge/sources/${body.source.id}/sync`);
    const same = await settled(ws.api, body.source.id);
    expect(new Date(same.lastSyncedAt!).getTime()).toBeGreaterThan(new Date(ready.lastSyncedAt!).getTime());
    expect(await chunkRows(body.source.id)).toEqual(firstChunks);

    // Scheduled: due now, swept, fetched again with the new content.
    mode = 'changed';
    await withPlatform((tx) =>
      tx.query(`UPDATE knowledge_sources SET next_sync_at = now() - interval '1 minute' WHERE id = $1`, [
        body.source.id,
      ]),
    );
    expect(await queueDueSyncs()).toBeGreaterThanOrEqual(1);
    const deadline = Date.now() + 20_000;
    while (!(await chunkRows(body.source.id)).some((c) => c.text.includes('ten in the morning'))) {
      if (Date.now() > deadline) throw new Error('the scheduled sync did not happen');
      await new Promise((r) => setTimeout(r, 50));
    }
    const synced = await settled(ws.api, body.source.id);
    expect(synced.status).toBe('ready');
    expect(await chunkRows(body.source.id)).toHaveLength(firstChunks.length);
    expect(await queueDueSyncs()).toBe(0);
  });
});
