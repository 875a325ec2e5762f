import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type LocalServer } from '../../../test/support/fixtures/http-server';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { systemContext, withPlatform } from '../../platform/tenancy';
import { runIngestion } from './pipeline';

/**
 * Embeddings during ingestion, on the embedded database (pgvector; the CI PostgreSQL has
 * none, where the pipeline skips embedding): batches through the local model server,
 * nothing re-embedded on an unchanged sync, only changed chunks on a changed one, and a
 * rerun from any point leaving one set of chunks.
 */
let models: ModelServer;
let rt: TestRuntime;
let site: LocalServer;
let ws: TestWorkspace;
let version = 1;

const section = (n: number, v: number) =>
  `<h2>Topic ${n}</h2>` +
  `<p>${Array.from({ length: 30 }, (_, i) => `Topic ${n} sentence ${i} explains detail ${n * 100 + i}${n === 3 ? ` revision ${v}` : ''}.`).join(' ')}</p>`;

beforeAll(async () => {
  models = await startModelServer();
  rt = await startTestRuntime({
    EMBEDDING_MODEL: 'text-embedding-3-small',
    EMBEDDING_BASE_URL: models.openaiBaseURL,
    EMBEDDING_API_KEY: FAKE_KEY,
    EMBEDDING_DIMENSIONS: '256',
    EGRESS_ALLOW_CIDRS: '127.0.0.2/32',
  });
  site = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<html><head><title>Guide</title></head><body><main><h1>Guide</h1>${[1, 2, 3, 4, 5].map((n) => section(n, version)).join('')}</main></body></html>`,
    );
  });
  ws = await testWorkspace(rt, 'embed');
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
  await site?.close();
});

const embeddingInputs = () =>
  models.requests.filter((r) => r.path.endsWith('/embeddings')).flatMap((r) => (r.body as { input: string[] }).input);

async function settled(id: string): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const { body } = await ws.api.json(`/api/v1/knowledge/sources/${id}`);
    if (body.source.status === 'failed' || (body.source.status === 'ready' && body.source.stage === null))
      return body.source;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not settled');
}

const chunkStats = (id: string) =>
  withPlatform(async (tx) => {
    const { rows } = await tx.query<{ n: number; ordinals: number; embedded: number; ids: string }>(
      `SELECT count(*)::int AS n, count(DISTINCT ordinal)::int AS ordinals, count(embedding)::int AS embedded, string_agg(id, ',' ORDER BY ordinal) AS ids
         FROM knowledge_chunks WHERE source_id = $1`,
      [id],
    );
    return rows[0]!;
  });

describe('ingestion with embeddings', () => {
  let id: string;

  it('embeds every chunk once, in batches', async () => {
    const { body } = await ws.api.post('/api/v1/knowledge/sources', { kind: 'url', url: `${site.origin}/guide` });
    id = body.source.id;
    const ready = await settled(id);
    expect(ready.status).toBe('ready');
    expect(ready.chunkCount).toBeGreaterThan(3);
    expect(embeddingInputs()).toHaveLength(ready.chunkCount);
    expect(await chunkStats(id)).toMatchObject({
      n: ready.chunkCount,
      ordinals: ready.chunkCount,
      embedded: ready.chunkCount,
    });
    const passages = (await ws.api.post('/api/v1/knowledge/search', { query: 'detail 402', topK: 5 })).body
      .passages as Array<{ text: string; similarity: number | null }>;
    expect(passages.some((p) => p.text.includes('detail 402'))).toBe(true);
  });

  it('does not re-embed (or rewrite) anything when a sync finds the same content', async () => {
    const before = embeddingInputs().length;
    const stats = await chunkStats(id);
    const previous = (await ws.api.json(`/api/v1/knowledge/sources/${id}`)).body.source;
    expect((await ws.api.post(`/api/v1/knowledge/sources/${id}/sync`)).status).toBe(200);
    const after = await settled(id);
    expect(new Date(after.lastSyncedAt).getTime()).toBeGreaterThan(new Date(previous.lastSyncedAt).getTime());
    expect(embeddingInputs().length).toBe(before);
    expect(await chunkStats(id)).toEqual(stats);
  });

  it('embeds only the changed chunks when the page changes', async () => {
    const before = embeddingInputs().length;
    version = 2;
    await ws.api.post(`/api/v1/knowledge/sources/${id}/sync`);
    const after = await settled(id);
    const added = embeddingInputs().slice(before);
    expect(added.length).toBeGreaterThan(0);
    expect(added.length).toBeLessThan(after.chunkCount);
    expect(added.every((text) => text.includes('Topic 3'))).toBe(true);
    expect(await chunkStats(id)).toMatchObject({
      n: after.chunkCount,
      ordinals: after.chunkCount,
      embedded: after.chunkCount,
    });
  });

  it('reruns after a crash mid-pipeline, even twice at once, ending with one set of chunks', async () => {
    const { body } = await ws.api.post('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Crash',
      text: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} about the crash test.\n`).join('\n'),
    });
    await settled(body.source.id);
    const count = (await chunkStats(body.source.id)).n;
    // What a process killed during embedding leaves: processing, mid-stage, old chunks present.
    await withPlatform((tx) =>
      tx.query(
        `UPDATE knowledge_sources SET status = 'processing', stage = 'embed', progress = 70, content_hash = NULL WHERE id = $1`,
        [body.source.id],
      ),
    );
    const ctx = systemContext(ws.id, 'test');
    await Promise.all([
      runIngestion(ctx, body.source.id, { sync: false }),
      runIngestion(ctx, body.source.id, { sync: false }),
    ]);
    const source = await settled(body.source.id);
    expect(source).toMatchObject({ status: 'ready', progress: 100, chunkCount: count });
    expect(await chunkStats(body.source.id)).toMatchObject({ n: count, ordinals: count, embedded: count });
  });
});
