import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashedEmbedding, startModelServer, type ModelServer } from '../../../test/support/model-server';
import { FAKE_KEY } from '../../../test/support/model-server/harness';
import { configureCircuitBreakers, embedTexts, type ModelTarget } from './index';

let server: ModelServer;
let target: ModelTarget;
const embeddingRequests = () => server.requests.filter((r) => r.path === '/v1/embeddings');

beforeAll(async () => {
  server = await startModelServer({ embeddingDimensions: 48 });
});
afterAll(() => server.close());
beforeEach(() => {
  configureCircuitBreakers();
  server.reset();
  target = {
    provider: 'openai',
    modelId: 'text-embedding-3-small',
    apiKey: FAKE_KEY,
    baseURL: server.openaiBaseURL,
    keyId: 'platform:openai',
    trust: 'operator',
  };
});

describe('embedTexts', () => {
  it('embeds in order, in batches of batchSize', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `passage number ${i}`);
    const vectors = await embedTexts(target, texts, { batchSize: 3 });
    expect(vectors).toHaveLength(7);
    expect(vectors.map((v) => v.length)).toEqual(Array(7).fill(48));
    expect(vectors[5]).toEqual(hashedEmbedding('passage number 5', 48));
    expect(embeddingRequests().map((r) => (r.body as { input: string[] }).input.length)).toEqual([3, 3, 1]);
  });

  it('asks for the requested dimensions', async () => {
    const [vector] = await embedTexts(target, ['refund policy'], { dimensions: 16 });
    expect(vector).toHaveLength(16);
    expect((embeddingRequests()[0]?.body as { dimensions?: number }).dimensions).toBe(16);
  });

  it('works with an OpenAI-compatible server, keyless', async () => {
    const local: ModelTarget = {
      provider: 'openai-compatible',
      modelId: 'nomic-embed-text',
      baseURL: server.openaiBaseURL,
      keyId: 'local',
      trust: 'operator',
    };
    const vectors = await embedTexts(local, ['a b', 'c d'], { dimensions: 8 });
    expect(vectors).toEqual([hashedEmbedding('a b', 8), hashedEmbedding('c d', 8)]);
    expect(embeddingRequests()[0]?.headers.authorization).toBeUndefined();
  });

  it('returns nothing for no texts without calling the server', async () => {
    expect(await embedTexts(target, [])).toEqual([]);
    expect(embeddingRequests()).toHaveLength(0);
  });

  it('retries a 429 once after its Retry-After', async () => {
    server.enqueueEmbeddings({ status: 429, retryAfter: 1 });
    const started = performance.now();
    const vectors = await embedTexts(target, ['x']);
    expect(vectors).toHaveLength(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(embeddingRequests()).toHaveLength(2);
  });

  it('throws a typed error when the retry fails too', async () => {
    server.enqueueEmbeddings({ status: 503 }, { status: 503 });
    await expect(embedTexts(target, ['x'])).rejects.toMatchObject({
      name: 'LlmError',
      kind: 'unavailable',
      status: 503,
    });
  });

  it('refuses Anthropic, which has no embeddings API', async () => {
    await expect(embedTexts({ ...target, provider: 'anthropic' }, ['x'])).rejects.toMatchObject({
      kind: 'bad_request',
    });
  });
});
