import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids';
import { embedTexts } from '../../platform/llm';
import { systemContext, withPlatform, withTenant, type ServiceContext } from '../../platform/tenancy';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';
import { platformModels } from '../providers';
import { replaceChunks } from './chunk-store';
import { retrieve } from './retrieve';
import { knowledgeSources } from './schema';

/**
 * Hybrid retrieval on the embedded database (which always has pgvector): embeddings from the
 * local OpenAI-compatible server, the HNSW index made at start-up, vector and full-text
 * rankings fused. (The CI PostgreSQL has no pgvector: there retrieval is full-text only.)
 */
const set = JSON.parse(
  fs.readFileSync(new URL('../../../test/fixtures/retrieval/labelled-set.json', import.meta.url), 'utf8'),
) as {
  passages: Record<string, string>;
  questions: Array<{ q: string; answer: string }>;
};
let models: ModelServer;
let rt: TestRuntime;
let ctx: ServiceContext;
const sourceOf = new Map<string, string>();

beforeAll(async () => {
  models = await startModelServer({ record: false });
  rt = await startTestRuntime({
    EMBEDDING_MODEL: 'text-embedding-3-small',
    EMBEDDING_BASE_URL: models.openaiBaseURL,
    EMBEDDING_API_KEY: FAKE_KEY,
    EMBEDDING_DIMENSIONS: '256',
  });
  const ws = await testWorkspace(rt, 'vector');
  ctx = systemContext(ws.id, 'test');
  const target = platformModels().embedding!;
  const labels = Object.keys(set.passages);
  const vectors = await embedTexts(target, Object.values(set.passages), { dimensions: 256 });
  await withTenant(ctx, async (tx) => {
    for (const [i, label] of labels.entries()) {
      const id = newId('src');
      const text = set.passages[label]!;
      await tx.db
        .insert(knowledgeSources)
        .values({ tenantId: ctx.tenantId, id, kind: 'text', title: label, status: 'ready', progress: 100 });
      await replaceChunks(tx, ctx.tenantId, id, 'english', [
        { text, heading: '', tokens: 10, embedding: vectors[i]!, embeddingModel: target.modelId },
      ]);
      sourceOf.set(id, label);
    }
  });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await models?.close();
});

describe('vector retrieval', () => {
  it('makes the HNSW index for the configured dimension at start-up', async () => {
    const { rows } = await withPlatform((tx) =>
      tx.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'knowledge_chunks_embedding_hnsw_256'`,
      ),
    );
    expect(rows[0]?.indexdef).toMatch(/USING hnsw/);
  });

  it('fuses vector and full-text rankings and reports the similarity', async () => {
    const target = platformModels().embedding!;
    let found = 0;
    for (const { q, answer } of set.questions) {
      const [embedding] = await embedTexts(target, [q], { dimensions: 256 });
      const hits = await retrieve(ctx, { query: q, topK: 5 }, embedding);
      expect(hits[0]!.similarity).not.toBeNull();
      if (hits.some((h) => sourceOf.get(h.sourceId) === answer)) found += 1;
    }
    const recall = found / set.questions.length;
    console.log(`hybrid recall@5 (hashed bag-of-words embeddings) = ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.857);
  });

  it('finds a passage by its vector alone when no word matches', async () => {
    const target = platformModels().embedding!;
    // The hashed embedding of the passage's own text is its nearest neighbour; the query words are nonsense to full-text.
    const [embedding] = await embedTexts(target, [set.passages.rental!], { dimensions: 256 });
    const hits = await retrieve(ctx, { query: 'zzqx', topK: 3 }, embedding);
    expect(sourceOf.get(hits[0]!.sourceId)).toBe('rental');
    expect(hits[0]!.similarity).toBeGreaterThan(0.99);
  });
});
