import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makeZipBomb } from '../../../test/support/fixtures/docx';
import { startServer, type LocalServer } from '../../../test/support/fixtures/http-server';
import { makePdf } from '../../../test/support/fixtures/pdf';
import { noiseBytes, sampleCsv, sampleHtml, sampleJson, sampleMarkdown, sampleText } from '../../../test/support/fixtures/samples';
import { startSite } from '../../../test/support/fixtures/site-server';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import type { TestClient } from '../../../test/support/client';
import { systemContext, withPlatform } from '../../platform/tenancy';
import { recordGap } from './gaps';
import { queueDueSyncs } from './jobs';

/**
 * Knowledge sources through the API, on both databases: every file type uploaded, ingested
 * by the job and found by search; bad files refused or failed with a reason; a website
 * crawled; the egress guard; retry, sync, delete; gaps; tenant isolation.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', KNOWLEDGE_MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN: JSON.stringify({ pro: 2.5 * 1024 * 1024 }), RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
const servers: LocalServer[] = [];

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'knowledge');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

type Source = { id: string; kind: string; title: string; status: string; stage: string | null; progress: number; error: string | null; url: string | null; file: { name: string; size: number; type: string } | null; chunkCount: number; lastSyncedAt: string | null; nextSyncAt: string | null; syncIntervalHours: number | null };

async function upload(client: TestClient, name: string, data: Buffer | string, type = 'application/octet-stream', title?: string) {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  if (title) form.append('title', title);
  return client.json<{ source: Source; error: { code: string; message: string } }>('/api/v1/knowledge/sources/upload', { method: 'POST', body: form });
}

async function settled(client: TestClient, id: string, ms = 30_000): Promise<Source> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { body } = await client.json<{ source: Source }>(`/api/v1/knowledge/sources/${id}`);
    if ((body.source.status === 'ready' || body.source.status === 'failed') && body.source.stage === null) return body.source;
    if (body.source.status === 'failed') return body.source;
    if (Date.now() > deadline) throw new Error(`source ${id} still ${body.source.status}/${body.source.stage}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function search(client: TestClient, query: string, extra: Record<string, unknown> = {}) {
  const { status, body } = await client.post<{ passages: Array<{ sourceId: string; sourceTitle: string; text: string; page: number | null; url: string | null; qa: unknown }> }>('/api/v1/knowledge/search', { query, topK: 10, ...extra });
  expect(status).toBe(200);
  return body.passages;
}

/**
 * Announces a large body and sends only its start: the body limit answers 413 from the
 * Content-Length alone (fetch would report the socket the server then closes).
 */
function rawPost(pathname: string, apiKey: string, body: Buffer, contentType: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${rt.current.url}${pathname}`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${apiKey}`, 'content-type': contentType, 'content-length': body.length } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
        request.destroy();
      });
    });
    request.on('error', reject);
    request.write(body.subarray(0, 16 * 1024));
  });
}

const chunkRows = (sourceId: string) =>
  withPlatform(async (tx) => (await tx.query<{ ordinal: number; text: string; url: string | null }>('SELECT ordinal, text, url FROM knowledge_chunks WHERE source_id = $1 ORDER BY ordinal', [sourceId])).rows);

describe('file uploads', () => {
  const cases: Array<{ name: string; data: () => Buffer | string; type: string; detected: string; query: string; expect: string; page?: number }> = [
    { name: 'manual.pdf', data: () => makePdf([['# Manual', 'Welcome to the manual.'], ['# Billing', 'Refunds take fourteen days to arrive.']]), type: 'application/pdf', detected: 'pdf', query: 'refunds fourteen days', expect: 'Refunds take fourteen days', page: 2 },
    { name: 'handbook.docx', data: () => makeDocx([{ heading: 'Handbook' }, { paragraph: 'Everyone gets twenty-five days of paid leave.' }]), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', detected: 'docx', query: 'paid leave', expect: 'twenty-five days of paid leave' },
    { name: 'hours.txt', data: () => sampleText, type: 'text/plain', detected: 'text', query: 'weekdays CET', expect: '9:00 to 18:00 CET' },
    { name: 'widget.md', data: () => sampleMarkdown, type: 'text/markdown', detected: 'markdown', query: 'accent colour', expect: 'Accent colour' },
    { name: 'billing.html', data: () => sampleHtml, type: 'text/html', detected: 'html', query: 'refunds cancellation', expect: 'Refunds are issued within 14 days' },
    { name: 'faq.csv', data: () => sampleCsv, type: 'text/csv', detected: 'csv', query: 'yearly plans months free', expect: 'two months free' },
    { name: 'faq.json', data: () => sampleJson, type: 'application/json', detected: 'json', query: 'REST API keys workspace', expect: 'REST API with keys per workspace' },
  ];

  for (const c of cases) {
    it(`ingests ${c.detected} end to end and search cites it`, async () => {
      const { status, body } = await upload(ws.api, c.name, c.data(), c.type, `Doc ${c.name}`);
      expect(status).toBe(201);
      expect(body.source).toMatchObject({ kind: 'file', status: 'pending', title: `Doc ${c.name}`, file: { name: c.name, type: c.detected } });
      const ready = await settled(ws.api, body.source.id);
      expect(ready).toMatchObject({ status: 'ready', progress: 100, error: null });
      expect(ready.chunkCount).toBeGreaterThan(0);
      const hit = (await search(ws.api, c.query)).find((p) => p.sourceId === body.source.id);
      expect(hit?.text).toContain(c.expect);
      expect(hit?.sourceTitle).toBe(`Doc ${c.name}`);
      if (c.page) expect(hit?.page).toBe(c.page);
    });
  }

  it('stores the file under a generated name in DATA_DIR/files/<tenant>/<source>', async () => {
    const { body } = await upload(ws.api, '../../etc/passwd.txt', 'Stored safely: the name is only metadata.', 'text/plain');
    expect(body.source.file?.name).toBe('.._.._etc_passwd.txt');
    const dir = path.join(rt.current.runtime.config.dataDir, 'files', ws.id, body.source.id);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).toBe('Stored safely: the name is only metadata.');
    await settled(ws.api, body.source.id);
  });
});

describe('bad files', () => {
  it('refuses binary garbage and an executable named .pdf with 400 unsupported_file_type, losing nothing', async () => {
    const before = (await ws.api.json<{ sources: Source[] }>('/api/v1/knowledge/sources')).body.sources.length;
    const garbage = await upload(ws.api, 'data.txt', noiseBytes(4096), 'text/plain');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatchObject({ code: 'unsupported_file_type', message: expect.stringContaining("can't be added to knowledge") });
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), noiseBytes(2048)]);
    const fake = await upload(ws.api, 'invoice.pdf', exe, 'application/pdf');
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('unsupported_file_type');
    expect(fake.body.error.message).toMatch(/Upload a PDF/);
    expect((await ws.api.json<{ sources: Source[] }>('/api/v1/knowledge/sources')).body.sources.length).toBe(before);
    // Earlier sources are still there and searchable.
    expect((await search(ws.api, 'paid leave')).length).toBeGreaterThan(0);
  });

  it('fails a zip-bomb DOCX with the reason, leaving no chunks', async () => {
    const { status, body } = await upload(ws.api, 'bomb.docx', makeZipBomb({ lie: true }));
    expect(status).toBe(201);
    const failed = await settled(ws.api, body.source.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/\S/);
    expect(failed.chunkCount).toBe(0);
    expect(await chunkRows(body.source.id)).toEqual([]);
  });

  it('answers 413 past the upload cap and 400 to a JSON body, with the envelope', async () => {
    const big = await upload(ws.api, 'big.txt', 'a'.repeat(2 * 1024 * 1024 + 10), 'text/plain');
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'payload_too_large', requestId: expect.any(String) });
    // Past the cap plus framing, the body-limit middleware answers before reading the body.
    const huge = await rawPost('/api/v1/knowledge/sources/upload', ws.apiKey, Buffer.alloc(3 * 1024 * 1024, 0x61), 'multipart/form-data; boundary=x');
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('payload_too_large');
    const json = await ws.api.post('/api/v1/knowledge/sources/upload', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('file_required');
    // Other routes keep the general body limit (1 MiB).
    const text = await rawPost('/api/v1/knowledge/sources', ws.apiKey, Buffer.from(JSON.stringify({ kind: 'text', title: 'Too big', text: 'word '.repeat(300_000) })), 'application/json');
    expect(text.status).toBe(413);
  });

  it('caps uploads by the workspace plan, and says which cap applies', async () => {
    const pro = await testWorkspace(rt.current, 'plan-pro');
    await withPlatform((tx) => tx.query(`UPDATE tenants SET plan = 'pro' WHERE id = $1`, [pro.id]));
    const file = 'a'.repeat(2 * 1024 * 1024 + 10);
    expect((await upload(ws.api, 'big.txt', file, 'text/plain')).status).toBe(413);
    const accepted = await upload(pro.api, 'big.txt', file, 'text/plain');
    expect(accepted.status).toBe(201);
    expect((await ws.api.json('/api/v1/knowledge/sources')).body.limits.maxUploadBytes).toBe(2 * 1024 * 1024);
    expect((await pro.api.json('/api/v1/knowledge/sources')).body.limits.maxUploadBytes).toBe(2.5 * 1024 * 1024);
  });
});

describe('pages and websites', () => {
  it('crawls the test site: sitemap used, robots exclusion and redirect loop survived', async () => {
    const site = await startSite({ sitemap: true });
    servers.push(site);
    const { status, body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', { kind: 'website', url: `${site.origin}/`, maxPages: 20 });
    expect(status).toBe(201);
    expect(body.source).toMatchObject({ kind: 'website', status: 'pending', url: `${site.origin}/` });
    const ready = await settled(ws.api, body.source.id);
    expect(ready.status).toBe('ready');
    const urls = new Set((await chunkRows(body.source.id)).map((c) => c.url?.slice(site.origin.length)));
    expect(urls).toEqual(new Set(['/', '/docs/getting-started', '/docs/billing', '/docs/faq', '/docs/billing?x=1&y=2']));
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
      res.end(`<html><head><title>Opening hours</title></head><body><main><h1>Opening hours</h1><p>We open at ${mode === 'up' ? 'nine' : 'ten'} in the morning on weekdays, every week of the year.</p></main></body></html>`);
    });
    servers.push(server);
    const { body } = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', { kind: 'url', url: `${server.origin}/hours`, syncIntervalHours: 24 });
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
    await withPlatform((tx) => tx.query(`UPDATE knowledge_sources SET next_sync_at = now() - interval '1 minute' WHERE id = $1`, [body.source.id]));
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

describe('text sources, edits and deletion', () => {
  it('ingests pasted text, renames it, and deletion removes chunks and the stored file', async () => {
    const { status, body } = await ws.owner.post<{ source: Source }>('/api/v1/knowledge/sources', { kind: 'text', title: 'Parking', text: 'Visitors park in the blue garage behind the office.' });
    expect(status).toBe(201);
    await settled(ws.owner, body.source.id);
    const renamed = await ws.owner.json<{ source: Source }>(`/api/v1/knowledge/sources/${body.source.id}`, { method: 'PATCH', json: { title: 'Parking rules' } });
    expect(renamed.body.source.title).toBe('Parking rules');
    expect((await search(ws.owner, 'blue garage'))[0]?.sourceTitle).toBe('Parking rules');
    const bad = await ws.owner.json(`/api/v1/knowledge/sources/${body.source.id}`, { method: 'PATCH', json: { syncIntervalHours: 5 } });
    expect(bad.status).toBe(400);

    const file = await upload(ws.api, 'delete-me.md', '# Lockers\n\nLockers open with the orange badge.\n', 'text/markdown');
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
    const spanish = await ws.api.post<{ source: Source & { searchConfig: string } }>('/api/v1/knowledge/sources', { kind: 'text', title: 'Devoluciones', language: 'es', text });
    expect(spanish.body.source.searchConfig).toBe('spanish');
    const english = await ws.api.post<{ source: Source & { searchConfig: string } }>('/api/v1/knowledge/sources', { kind: 'text', title: 'Returns (untagged)', text });
    expect(english.body.source.searchConfig).toBe('english');
    await settled(ws.api, spanish.body.source.id);
    await settled(ws.api, english.body.source.id);
    // "devolución procesada" stems to devolu & proces in Spanish: only the Spanish-indexed copy matches every word.
    const hits = await search(ws.api, 'devolución procesada', { language: 'es', sourceIds: [spanish.body.source.id, english.body.source.id] });
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
    expect((await ws.api.post('/api/v1/knowledge/sources', { kind: 'website', url: 'https://example.com', maxPages: 501 })).status).toBe(400);
    expect((await ws.api.post('/api/v1/knowledge/sources', { kind: 'url', url: 'https://example.com', depth: 2 })).status).toBe(400);
    expect((await ws.api.post('/api/v1/knowledge/sources', { kind: 'url', url: 'ftp://example.com' })).status).toBe(400);
  });
});

describe('knowledge gaps', () => {
  it('groups unanswered questions, answers them with a Q&A pair that search then returns', async () => {
    const ctx = systemContext(ws.id, 'test');
    await recordGap(ctx, { agentId: null, question: 'Do you have a student discount?', conversationId: null });
    await recordGap(ctx, { agentId: null, question: 'Is there a student discount?', conversationId: null });
    await recordGap(ctx, { agentId: null, question: 'student discount??', conversationId: null });
    await recordGap(ctx, { agentId: null, question: 'Can I bring my dog to the office?', conversationId: null });
    const { body } = await ws.api.json<{ groups: Array<{ representative: string; count: number; lastAskedAt: string; gapIds: string[] }> }>('/api/v1/knowledge/gaps');
    expect(body.groups.map((g) => g.count)).toEqual([3, 1]);
    expect(body.groups[0]!.representative).toMatch(/student discount/);
    expect(body.groups[1]!.representative).toBe('Can I bring my dog to the office?');

    const answered = await ws.api.post('/api/v1/knowledge/gaps/answer', { gapIds: body.groups[0]!.gapIds, question: 'Do you have a student discount?', answer: 'Students get 30% off with a valid card.' });
    expect(answered.status).toBe(201);
    expect(answered.body.pair).toMatchObject({ question: 'Do you have a student discount?' });
    const hit = (await search(ws.api, 'student discount'))[0];
    expect(hit?.qa).toMatchObject({ pairId: answered.body.pair.id, answer: 'Students get 30% off with a valid card.' });
    const again = await ws.api.post('/api/v1/knowledge/gaps/answer', { gapIds: body.groups[0]!.gapIds, question: 'Again?', answer: 'No.' });
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
    const mine = await ws.api.post<{ source: Source }>('/api/v1/knowledge/sources', { kind: 'text', title: 'Mine', text });
    const theirs = await other.api.post<{ source: Source }>('/api/v1/knowledge/sources', { kind: 'text', title: 'Theirs', text });
    await settled(ws.api, mine.body.source.id);
    await settled(other.api, theirs.body.source.id);
    const hits = await search(ws.api, 'secret launch code orbital');
    expect(hits.map((h) => h.sourceId)).toEqual([mine.body.source.id]);
    expect(await search(ws.api, 'secret launch code orbital', { sourceIds: [theirs.body.source.id] })).toEqual([]);
    expect((await ws.api.json(`/api/v1/knowledge/sources/${theirs.body.source.id}`)).status).toBe(404);
    expect((await ws.api.json(`/api/v1/knowledge/sources/${theirs.body.source.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await ws.api.post(`/api/v1/knowledge/sources/${theirs.body.source.id}/sync`)).status).toBe(404);
    expect((await ws.api.json<{ sources: Source[] }>('/api/v1/knowledge/sources')).body.sources.map((s) => s.id)).not.toContain(theirs.body.source.id);
    expect((await search(other.api, 'secret launch code orbital')).map((h) => h.sourceId)).toEqual([theirs.body.source.id]);
  });
});
