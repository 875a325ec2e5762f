import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkRows, search, settled, upload, type Source } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { systemContext } from '../../platform/tenancy';
import { recordGap } from './gaps';

/**
 * Knowledge sources through the API, on both databases: pasted text, edits and deletion, the
 * source's language, the Q&A source, input limits; knowledge gaps; tenant isolation. Files
 * are in sources-files.db.test.ts, pages and websites in sources-web.db.test.ts.
 */
const rt = useTestRuntime({ KNOWLEDGE_MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'knowledge');
});

describe('text sources, edits and deletion', () => {
  it('ingests pasted text, renames it, and deletion removes chunks and the stored file', async () => {
    const { status, body } = await ws.owner.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Parking',
      text: 'Visitors park in the blue garage behind the office.',
    });
    expect(status).toBe(201);
    await settled(ws.owner, body.source.id);
    const renamed = await ws.owner.json<{ source: Source }>(`/api/v1/knowledge/sources/${body.source.id}`, {
      method: 'PATCH',
      json: { title: 'Parking rules' },
    });
    expect(renamed.body.source.title).toBe('Parking rules');
    expect((await search(ws.owner, 'blue garage'))[0]?.sourceTitle).toBe('Parking rules');
    const bad = await ws.owner.json(`/api/v1/knowledge/sources/${body.source.id}`, {
      method: 'PATCH',
      json: { syncIntervalHours: 5 },
    });
    expect(bad.status).toBe(400);

    const file = await upload(
      ws.api,
      'delete-me.md',
      '# Lockers\n\nLockers open with the orange badge.\n',
      'text/markdown',
    );
    await settled(ws.api, file.body.source.id);
    const dir = path.join(rt.current.runtime.config.dataDir, 'files', ws.id, file.body.source.id);
    expect(fs.existsSync(dir)).toBe(true);
    expect((await search(ws.api, 'orange badge')).some((p) => p.sourceId === file.body.source.id)).toBe(true);
    const deleted = await ws.api.json(`/api/v1/knowledge/sources/${file.body.source.id}`, { method: 'DELETE' });
    expect(deleted).toEqual({ status: 200, body: { ok: true } });
    expect(await chunkRows(file.body.source.id)).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
    expect((await ws.api.json(`/api/v1/knowledge/sources/${file.body.source.id}`)).status).toBe(404);
    expect((await search(ws.api, 'orange badge')).some((p) => p.sourceId === file.body.source.id)).toBe(false);
  });

  it('indexes a source in the language it is given, so a question in that language finds inflected words', async () => {
    const text = 'Las devoluciones se procesan en catorce días.';
    const spanish = await ws.api.post<{ source: Source & { searchConfig: string } }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Devoluciones',
      language: 'es',
      text,
    });
    expect(spanish.body.source.searchConfig).toBe('spanish');
    const english = await ws.api.post<{ source: Source & { searchConfig: string } }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Returns (untagged)',
      text,
    });
    expect(english.body.source.searchConfig).toBe('english');
    await settled(ws.api, spanish.body.source.id);
    await settled(ws.api, english.body.source.id);
    // "devolución procesada" stems to devolu & proces in Spanish: only the Spanish-indexed copy matches every word.
    const hits = await search(ws.api, 'devolución procesada', {
      language: 'es',
      sourceIds: [spanish.body.source.id, english.body.source.id],
    });
    expect(hits[0]?.sourceId).toBe(spanish.body.source.id);
    expect((hits[0] as unknown as { coverage: number }).coverage).toBe(1);
    const form = new FormData();
    form.append('file', new Blob(['Hola'], { type: 'text/plain' }), 'hola.txt');
    form.append('language', 'spanish please');
    expect((await ws.api.json('/api/v1/knowledge/sources/upload', { method: 'POST', body: form })).status).toBe(400);
  });

  it('lists the Q&A source, newest first, with the limits, and refuses to delete it', async () => {
    await ws.api.post('/api/v1/knowledge/qa', { question: 'Do you ship abroad?', answer: 'Yes, to 40 countries.' });
    const { body } = await ws.api.json<{ sources: Source[]; limits: unknown }>('/api/v1/knowledge/sources');
    expect(body.limits).toEqual({ maxUploadBytes: 2 * 1024 * 1024, maxCrawlPages: 500 });
    const qa = body.sources.find((s) => s.kind === 'qa')!;
    expect(qa).toMatchObject({ status: 'ready', title: 'Q&A', chunkCount: 1 });
    const created = body.sources.map((s) => (s as unknown as { createdAt: string }).createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const refused = await ws.api.json(`/api/v1/knowledge/sources/${qa.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await search(ws.api, 'ship abroad'))[0]?.qa).toMatchObject({ answer: 'Yes, to 40 countries.' });
  });

  it('caps maxPages at KNOWLEDGE_MAX_CRAWL_PAGES and refuses unknown fields', async () => {
    expect(
      (await ws.api.post('/api/v1/knowledge/sources', { kind: 'website', url: 'https://example.com', maxPages: 501 }))
        .status,
    ).toBe(400);
    expect(
      (await ws.api.post('/api/v1/knowledge/sources', { kind: 'url', url: 'https://example.com', depth: 2 })).status,
    ).toBe(400);
    expect((await ws.api.post('/api/v1/knowledge/sources', { kind: 'url', url: 'ftp://example.com' })).status).toBe(
      400,
    );
  });
});

describe('knowledge gaps', () => {
  it('groups unanswered questions, answers them with a Q&A pair that search then returns', async () => {
    const ctx = systemContext(ws.id, 'test');
    await recordGap(ctx, { agentId: null, question: 'Do you have a student discount?', conversationId: null });
    await recordGap(ctx, { agentId: null, question: 'Is there a student discount?', conversationId: null });
    await recordGap(ctx, { agentId: null, question: 'student discount??', conversationId: null });
    await recordGap(ctx, { agentId: null, question: 'Can I bring my dog to the office?', conversationId: null });
    const { body } = await ws.api.json<{
      groups: Array<{ representative: string; count: number; lastAskedAt: string; gapIds: string[] }>;
    }>('/api/v1/knowledge/gaps');
    expect(body.groups.map((g) => g.count)).toEqual([3, 1]);
    expect(body.groups[0]!.representative).toMatch(/student discount/);
    expect(body.groups[1]!.representative).toBe('Can I bring my dog to the office?');

    const answered = await ws.api.post('/api/v1/knowledge/gaps/answer', {
      gapIds: body.groups[0]!.gapIds,
      question: 'Do you have a student discount?',
      answer: 'Students get 30% off with a valid card.',
    });
    expect(answered.status).toBe(201);
    expect(answered.body.pair).toMatchObject({ question: 'Do you have a student discount?' });
    const hit = (await search(ws.api, 'student discount'))[0];
    expect(hit?.qa).toMatchObject({ pairId: answered.body.pair.id, answer: 'Students get 30% off with a valid card.' });
    const again = await ws.api.post('/api/v1/knowledge/gaps/answer', {
      gapIds: body.groups[0]!.gapIds,
      question: 'Again?',
      answer: 'No.',
    });
    expect(again.status).toBe(404);

    const dismissed = await ws.api.post('/api/v1/knowledge/gaps/dismiss', { gapIds: body.groups[1]!.gapIds });
    expect(dismissed.body).toEqual({ dismissed: 1 });
    expect((await ws.api.json('/api/v1/knowledge/gaps')).body.groups).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it('never returns another workspace’s chunk, even with identical text and its source id', async () => {
    const other = await testWorkspace(rt.current, 'other');
    const text = 'The secret launch code of the orbital platform is kept in the vault.';
    const mine = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Mine',
      text,
    });
    const theirs = await other.api.post<{ source: Source }>('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Theirs',
      text,
    });
    await settled(ws.api, mine.body.source.id);
    await settled(other.api, theirs.body.source.id);
    const hits = await search(ws.api, 'secret launch code orbital');
    expect(hits[0]?.sourceId).toBe(mine.body.source.id);
    expect(hits.map((h) => h.sourceId)).not.toContain(theirs.body.source.id);
    expect(await search(ws.api, 'secret launch code orbital', { sourceIds: [theirs.body.source.id] })).toEqual([]);
    expect((await ws.api.json(`/api/v1/knowledge/sources/${theirs.body.source.id}`)).status).toBe(404);
    expect((await ws.api.json(`/api/v1/knowledge/sources/${theirs.body.source.id}`, { method: 'DELETE' })).status).toBe(
      404,
    );
    expect((await ws.api.post(`/api/v1/knowledge/sources/${theirs.body.source.id}/sync`)).status).toBe(404);
    expect(
      (await ws.api.json<{ sources: Source[] }>('/api/v1/knowledge/sources')).body.sources.map((s) => s.id),
    ).not.toContain(theirs.body.source.id);
    const theirHits = (await search(other.api, 'secret launch code orbital')).map((h) => h.sourceId);
    expect(theirHits[0]).toBe(theirs.body.source.id);
    expect(theirHits).not.toContain(mine.body.source.id);
  });
});
