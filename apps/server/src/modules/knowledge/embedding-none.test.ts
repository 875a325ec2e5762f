import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { withPlatform } from '../../platform/tenancy';
import { platformModels } from '../providers';
import { queueEmbeddingSweep } from './backfill';

/** EMBEDDING_MODEL=none: no model thread, no vectors, full-text search only, and sources say so. */
let rt: TestRuntime;
let ws: TestWorkspace;

beforeAll(async () => {
  rt = await startTestRuntime({ EMBEDDING_MODEL: 'none' });
  ws = await testWorkspace(rt, 'no-embed');
});

afterAll(async () => {
  await rt?.stop();
});

describe('EMBEDDING_MODEL=none', () => {
  it('searches by keywords only', async () => {
    expect(platformModels().embedder).toBeNull();
    expect(
      (
        await ws.api.post('/api/v1/knowledge/qa', {
          question: 'Where is my order?',
          answer: 'Use the tracking link in your shipping email.',
        })
      ).status,
    ).toBe(201);
    const { sources } = (await ws.api.json('/api/v1/knowledge/sources')).body;
    expect(sources[0].search).toEqual({
      mode: 'keywords',
      reason: 'off',
      language: null,
      embeddedChunks: 0,
      model: null,
    });
    expect(await queueEmbeddingSweep()).toBe(0);
    const found = (await ws.api.post('/api/v1/knowledge/search', { query: 'tracking my order' })).body.passages;
    expect(found[0]).toMatchObject({ qa: { question: 'Where is my order?' }, similarity: null });
    // Shares no word (nor synonym) with the pair: found only by meaning, so not at all here.
    // ("where's my package?" now meets it through the synonym package → order.)
    expect(
      (await ws.api.post('/api/v1/knowledge/search', { query: 'Has it left the warehouse yet?' })).body.passages,
    ).toEqual([]);
    const { rows } = await withPlatform((tx) =>
      tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM knowledge_chunks WHERE tenant_id = $1 AND embedding_model IS NOT NULL`,
        [ws.id],
      ),
    );
    expect(rows[0]!.n).toBe(0);
  });
});
