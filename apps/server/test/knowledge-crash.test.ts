import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunk, extractFile } from '../src/modules/knowledge/ingest';
import { openDatabase } from '../src/platform/db/database';
import { setDatabase } from '../src/platform/db/current';
import { withPlatform } from '../src/platform/tenancy';
import { SERVER_ROOT } from '../src/platform/paths';
import { startChild, type Child } from './support/child';
import { cloneTestDatabase, type TestDatabaseClone } from './support/database';
import { startModelServer, type ModelServer } from './support/model-server';
import { FAKE_KEY } from './support/model-server/harness';

/**
 * `switchboard start` as a user runs it (embedded database), killed with SIGKILL while an
 * upload is being ingested (in the embed stage, between embedding batches), then started
 * again: the orphaned job is retried and the source ends ready with exactly one set of
 * chunks, every one embedded.
 */
const BIN = path.join(SERVER_ROOT, 'bin', 'switchboard.mjs');
const sections = Array.from(
  { length: 200 },
  (_, i) => `## Section ${i}\n\n${`Section ${i} explains the crash-safe ingestion of part ${i}. `.repeat(25)}\n`,
).join('\n');
const markdown = `# Crash manual\n\n${sections}`;

let clone: TestDatabaseClone;
let models: ModelServer;
let server: Child | null = null;
let apiKey: string;

function start(): { child: Child; url: Promise<string> } {
  const child = startChild(
    BIN,
    {
      DATA_DIR: clone.dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      EMBEDDING_MODEL: 'text-embedding-3-small',
      EMBEDDING_BASE_URL: models.openaiBaseURL,
      EMBEDDING_API_KEY: FAKE_KEY,
      EMBEDDING_DIMENSIONS: '64',
    },
    ['start'],
  );
  server = child;
  return {
    child,
    url: child.waitFor(/Switchboard is running: open/, 90_000).then((line) => line.split('open ')[1]!.trim()),
  };
}

const api = async (url: string, pathname: string, init: RequestInit = {}) => {
  const response = await fetch(`${url}${pathname}`, {
    ...init,
    headers: { authorization: `Bearer ${apiKey}`, ...(init.headers ?? {}) },
  });
  return { status: response.status, body: (await response.json()) as any };
};

beforeAll(async () => {
  clone = await cloneTestDatabase();
  models = await startModelServer();
  const created = spawnSync(
    process.execPath,
    [BIN, 'tenant', 'create', '--name', 'Crash', '--owner-email', 'crash@example.test', '--json'],
    {
      env: { ...process.env, DATA_DIR: clone.dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  expect(created.status).toBe(0);
  apiKey = (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
}, 120_000);

afterAll(async () => {
  if (server && server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
  setDatabase(null);
  await models?.close();
  await clone?.drop();
});

describe('ingestion across kill -9', () => {
  it('resumes after SIGKILL mid-embedding and ends ready with one set of chunks', async () => {
    const expected = chunk((await extractFile(Buffer.from(markdown), { filename: 'crash.md' })).document).length;
    expect(expected).toBeGreaterThan(128); // three or more embedding batches of 64

    // Every embedding request of the first process is slow, so it is killed between batches.
    models.enqueueEmbeddings(...Array.from({ length: 10 }, () => ({ headersDelayMs: 700 })));
    const first = start();
    const url = await first.url;
    const form = new FormData();
    form.append('file', new Blob([markdown], { type: 'text/markdown' }), 'crash.md');
    const uploaded = await api(url, '/api/v1/knowledge/sources/upload', { method: 'POST', body: form });
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.source.id as string;

    const deadline = Date.now() + 60_000;
    let seen: any;
    for (;;) {
      seen = (await api(url, `/api/v1/knowledge/sources/${id}`)).body.source;
      const embeddingCalls = models.requests.filter((r) => r.path.endsWith('/embeddings')).length;
      if (seen.stage === 'embed' && embeddingCalls >= 2) break;
      if (Date.now() > deadline) throw new Error(`never reached the embed stage: ${JSON.stringify(seen)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    first.child.process.kill('SIGKILL');
    expect((await first.child.exited).signal).toBe('SIGKILL');
    expect(seen).toMatchObject({ status: 'processing', stage: 'embed', chunkCount: 0 });

    models.reset();
    const second = start();
    const url2 = await second.url;
    let source: any;
    const until = Date.now() + 90_000;
    for (;;) {
      source = (await api(url2, `/api/v1/knowledge/sources/${id}`)).body.source;
      if (source.status === 'ready' || source.status === 'failed') break;
      if (Date.now() > until) throw new Error(`not ready after restart: ${JSON.stringify(source)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(source).toMatchObject({ status: 'ready', stage: null, progress: 100, chunkCount: expected, error: null });
    // The second process embedded every chunk again (the first one stored none).
    expect(
      models.requests
        .filter((r) => r.path.endsWith('/embeddings'))
        .flatMap((r) => (r.body as { input: string[] }).input),
    ).toHaveLength(expected);
    const hit = (
      await api(url2, '/api/v1/knowledge/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'part 177' }),
      })
    ).body.passages[0];
    expect(hit.text).toContain('part 177');

    second.child.process.kill('SIGTERM');
    expect((await second.child.exited).code).toBe(0);
    const database = await openDatabase({
      mode: 'embedded',
      dataDir: clone.dataDir,
      databaseUrl: undefined,
      poolSize: 1,
    });
    setDatabase(database);
    try {
      const stats = await withPlatform(
        async (tx) =>
          (
            await tx.query<{ n: number; ordinals: number; embedded: number }>(
              'SELECT count(*)::int AS n, count(DISTINCT ordinal)::int AS ordinals, count(embedding)::int AS embedded FROM knowledge_chunks WHERE source_id = $1',
              [id],
            )
          ).rows[0],
      );
      expect(stats).toEqual({ n: expected, ordinals: expected, embedded: expected });
    } finally {
      setDatabase(null);
      await database.close();
    }
  }, 240_000);
});
