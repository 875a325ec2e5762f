import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { withPlatform } from '../../platform/tenancy';
import { platformModels } from '../providers';
import { queueEmbeddingSweep } from './backfill';

/**
 * The default install (EMBEDDING_MODEL unset, no key): the local model embeds Q&A pairs and
 * sources in the background, so customers' own wording finds passages that share no word with
 * it; a Spanish source is searched by keywords and says so; chunks without a vector of the
 * current model (older sources, another model's vectors) are back-filled with visible progress.
 * Embedded database only: the CI PostgreSQL has no pgvector.
 */
let rt: TestRuntime;
let ws: TestWorkspace;
const ids = {} as { refunds: string; warranty: string; spanish: string };

async function source(id: string): Promise<any> {
  return (await ws.api.json(`/api/v1/knowledge/sources/${id}`)).body.source;
}

/** Polls (bounded) until every source of the workspace is ready and searched as `done` says. */
async function allSettled(done: (s: any) => boolean): Promise<any[]> {
  for (let i = 0; i < 1200; i++) {
    const { sources } = (await ws.api.json('/api/v1/knowledge/sources')).body;
    if (sources.every((s: any) => s.status === 'ready' && s.stage === null && done(s))) return sources;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('sources did not settle');
}

const top = async (query: string) => {
  const { body } = await ws.api.post('/api/v1/knowledge/search', { query, topK: 3 });
  return body.passages as Array<{
    sourceId: string;
    text: string;
    similarity: number | null;
    qa: { question: string } | null;
  }>;
};

beforeAll(async () => {
  rt = await startTestRuntime({ EMBEDDING_MODEL: '' });
  ws = await testWorkspace(rt, 'local-embed');
  const qa = [
    ['Where is my order?', 'Use the tracking link in your shipping confirmation email.'],
    ['Do you accept PayPal?', 'Yes, along with Visa and Mastercard.'],
    ['What are your opening hours?', 'Monday to Friday, nine to five.'],
    ['How much is shipping?', 'Free above fifty euros, otherwise 4.90.'],
  ];
  for (const [question, answer] of qa)
    expect((await ws.api.post('/api/v1/knowledge/qa', { question, answer })).status).toBe(201);
  const add = async (title: string, text: string) =>
    (await ws.api.post('/api/v1/knowledge/sources', { kind: 'text', title, text })).body.source.id as string;
  ids.refunds = await add(
    'Refunds',
    'Refund policy. Once we receive the returned item, we refund the full price to your original payment method within 14 days.',
  );
  ids.warranty = await add(
    'Warranty',
    'Our jackets carry a two-year warranty. Broken zippers and torn seams are repaired for free at any of our stores.',
  );
  ids.spanish = await add(
    'Devoluciones',
    'Política de devoluciones. Puede devolver cualquier artículo en los 30 días siguientes a la compra, siempre que no se haya usado y conserve sus etiquetas. El reembolso se hace con el mismo método de pago que usted utilizó para la compra.',
  );
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

const settledSemantic = () => allSettled((s) => s.search.mode !== 'embedding');

/**
 * No embedding job queued or running: a source can read as embedded while a job queued by an
 * earlier change is still to run, and such a job would embed what a test un-embeds next.
 */
async function embeddingQuiet(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await rt.runtime.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'knowledge.embed' AND state IN ('created', 'retry', 'active')`,
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error('embedding jobs still queued after two minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('semantic search with no key (the local model)', () => {
  it('is the default embedder, made on a worker thread', () => {
    expect(platformModels().embedder).toMatchObject({
      kind: 'local',
      modelId: 'local:use-lite-static-1',
      dimensions: 512,
    });
  });

  it('embeds sources and Q&A pairs in the background and finds passages worded differently', async () => {
    const sources = await settledSemantic();
    const english = sources.filter((s) => s.id !== ids.spanish);
    for (const s of english)
      expect(s.search).toMatchObject({
        mode: 'semantic',
        reason: null,
        embeddedChunks: s.chunkCount,
        model: 'local:use-lite-static-1',
      });
    const [first] = await top("where's my package?");
    expect(first?.qa?.question).toBe('Where is my order?');
    expect(first?.similarity).not.toBeNull();
    expect((await top('The zipper on my jacket broke'))[0]?.sourceId).toBe(ids.warranty);
    expect((await top('is the coat guaranteed?'))[0]?.sourceId).toBe(ids.warranty);
  }, 240_000);

  it('searches a source in a language the model cannot read by keywords, and says so', async () => {
    await settledSemantic();
    expect((await source(ids.spanish)).search).toMatchObject({
      mode: 'keywords',
      reason: 'language',
      language: 'es',
      embeddedChunks: 0,
    });
    const { rows } = await withPlatform((tx) =>
      tx.query<{ n: number }>(`SELECT count(embedding)::int AS n FROM knowledge_chunks WHERE source_id = $1`, [
        ids.spanish,
      ]),
    );
    expect(rows[0]!.n).toBe(0);
    expect((await top('devolver artículo etiquetas')).map((p) => p.sourceId)).toContain(ids.spanish);
  }, 240_000);

  it('back-fills chunks without a vector of the current model, with progress in the sources list', async () => {
    await settledSemantic();
    await embeddingQuiet();
    // An older source (no vector) and one embedded by another model (EMBEDDING_MODEL changed).
    await withPlatform(async (tx) => {
      await tx.query(`UPDATE knowledge_chunks SET embedding = NULL, embedding_model = NULL WHERE source_id = $1`, [
        ids.refunds,
      ]);
      await tx.query(`UPDATE knowledge_chunks SET embedding_model = 'text-embedding-3-small' WHERE source_id = $1`, [
        ids.warranty,
      ]);
    });
    expect((await source(ids.refunds)).search).toMatchObject({ mode: 'embedding', embeddedChunks: 0 });
    expect((await source(ids.warranty)).search).toMatchObject({ mode: 'embedding', embeddedChunks: 0 });
    // Another model's vectors are never compared with the question's.
    expect(
      (await top('The zipper on my jacket broke')).find((p) => p.sourceId === ids.warranty)?.similarity ?? null,
    ).toBeNull();
    expect(await queueEmbeddingSweep()).toBe(1);
    await settledSemantic();
    expect((await source(ids.refunds)).search.mode).toBe('semantic');
    expect((await source(ids.warranty)).search.mode).toBe('semantic');
    expect((await top("where's my package?"))[0]?.qa?.question).toBe('Where is my order?');
    const { rows } = await withPlatform((tx) =>
      tx.query<{ model: string; n: number }>(
        `SELECT embedding_model AS model, count(*)::int AS n FROM knowledge_chunks WHERE source_id = ANY($1) GROUP BY 1`,
        [[ids.refunds, ids.warranty]],
      ),
    );
    expect(rows).toEqual([{ model: 'local:use-lite-static-1', n: 2 }]);
  }, 240_000);
});
