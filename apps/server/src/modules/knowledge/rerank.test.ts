import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids';
import { systemContext, withTenant, type ServiceContext } from '../../platform/tenancy';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { replaceChunks } from './chunk-store';
import { retrieve } from './retrieve';
import { knowledgeSources } from './schema';

/**
 * Reranking through a local server speaking Cohere's /v2/rerank wire format: it scores each
 * document by a keyword the test chooses, so the test knows which order to expect.
 */
const KEY = 'rerank-SECRET-key';
let mode: 'ok' | 'fail' = 'ok';
const received: any[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const request = JSON.parse(body);
    received.push({ url: req.url, auth: req.headers.authorization, body: request });
    if (mode === 'fail') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `bad key ${KEY}` }));
      return;
    }
    // Documents mentioning "winter" are the most relevant, then by shortness.
    const results = (request.documents as string[])
      .map((doc, index) => ({ index, relevance_score: (doc.includes('winter') ? 0.9 : 0.1) + 1 / (100 + doc.length) }))
      .sort((a, b) => b.relevance_score - a.relevance_score)
      .slice(0, request.top_n);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: 'r1', results, meta: { billed_units: { search_units: 1 } } }));
  });
});

let rt: TestRuntime;
let ws: TestWorkspace;
let ctx: ServiceContext;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  rt = await startTestRuntime({
    RERANK_BASE_URL: `http://127.0.0.1:${port}/v2`,
    RERANK_API_KEY: KEY,
    RERANK_MODEL: 'rerank-v3.5',
  });
  ws = await testWorkspace(rt, 'rerank');
  ctx = systemContext(ws.id, 'test');
  const texts = [
    'Jackets for every season: rain jackets, light jackets and more jackets.',
    'Our jackets are tested in the rain.',
    'The warmest jackets for winter nights in the mountains.',
    'Jackets jackets jackets: the jackets catalogue.',
  ];
  await withTenant(ctx, async (tx) => {
    for (const text of texts) {
      const id = newId('src');
      await tx.db
        .insert(knowledgeSources)
        .values({ tenantId: ws.id, id, kind: 'text', title: text.slice(0, 20), status: 'ready', progress: 100 });
      await replaceChunks(tx, ws.id, id, 'english', [{ text, heading: '', tokens: 12 }]);
    }
  });
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await new Promise((resolve) => server.close(resolve));
});

describe('reranking', () => {
  it('reorders the fused candidates by the rerank service and keeps top-k', async () => {
    mode = 'ok';
    const hits = await retrieve(ctx, { query: 'jackets', topK: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.text).toContain('winter');
    expect(hits[0]!.rerankScore).toBeGreaterThan(0.9);
    const call = received.at(-1)!;
    expect(call.url).toBe('/v2/rerank');
    expect(call.auth).toBe(`Bearer ${KEY}`);
    expect(call.body).toMatchObject({ model: 'rerank-v3.5', query: 'jackets', top_n: 2 });
    expect(call.body.documents).toHaveLength(4);
  });

  it('keeps the fused order when the service fails', async () => {
    mode = 'fail';
    const fused = await retrieve(ctx, { query: 'jackets', topK: 4 });
    expect(fused).toHaveLength(4);
    expect(fused.every((p) => p.rerankScore === undefined)).toBe(true);
    expect(fused.map((p) => p.score)).toEqual([...fused.map((p) => p.score)].sort((a, b) => b - a));
  });

  it('shows the rerank score through the search API', async () => {
    mode = 'ok';
    const res = await ws.api.post('/api/v1/knowledge/search', { query: 'jackets', topK: 1 });
    expect(res.status).toBe(200);
    const [hit] = res.body.passages ?? res.body.results ?? res.body.hits;
    expect(hit.text).toContain('winter');
    expect(hit.rerankScore).toBeGreaterThan(0.9);
  });
});
