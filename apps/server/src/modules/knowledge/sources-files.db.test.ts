import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, makeZipBomb } from '../../../test/support/fixtures/docx';
import { makePdf } from '../../../test/support/fixtures/pdf';
import {
  noiseBytes,
  sampleCsv,
  sampleHtml,
  sampleJson,
  sampleMarkdown,
  sampleText,
} from '../../../test/support/fixtures/samples';
import { chunkRows, search, settled, upload, type Source } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { withPlatform } from '../../platform/tenancy';

/**
 * Knowledge files through the API, on both databases: every file type uploaded, ingested by
 * the job and found by search, stored under a generated name; bad files refused or failed with
 * a reason; the upload caps (the installation's and the plan's).
 */
const rt = useTestRuntime({
  KNOWLEDGE_MAX_UPLOAD_BYTES: String(2 * 1024 * 1024),
  KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN: JSON.stringify({ pro: 2.5 * 1024 * 1024 }),
  RATE_LIMIT_PER_MINUTE: '100000',
});

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'knowledge-files');
});

/**
 * Announces a large body and sends only its start: the body limit answers 413 from the
 * Content-Length alone (fetch would report the socket the server then closes).
 */
function rawPost(
  pathname: string,
  apiKey: string,
  body: Buffer,
  contentType: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${rt.current.url}${pathname}`,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': contentType, 'content-length': body.length },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
          request.destroy();
        });
      },
    );
    request.on('error', reject);
    request.write(body.subarray(0, 16 * 1024));
  });
}

describe('file uploads', () => {
  const cases: Array<{
    name: string;
    data: () => Buffer | string;
    type: string;
    detected: string;
    query: string;
    expect: string;
    page?: number;
  }> = [
    {
      name: 'manual.pdf',
      data: () =>
        makePdf([
          ['# Manual', 'Welcome to the manual.'],
          ['# Billing', 'Refunds take fourteen days to arrive.'],
        ]),
      type: 'application/pdf',
      detected: 'pdf',
      query: 'refunds fourteen days',
      expect: 'Refunds take fourteen days',
      page: 2,
    },
    {
      name: 'handbook.docx',
      data: () => makeDocx([{ heading: 'Handbook' }, { paragraph: 'Everyone gets twenty-five days of paid leave.' }]),
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      detected: 'docx',
      query: 'paid leave',
      expect: 'twenty-five days of paid leave',
    },
    {
      name: 'hours.txt',
      data: () => sampleText,
      type: 'text/plain',
      detected: 'text',
      query: 'weekdays CET',
      expect: '9:00 to 18:00 CET',
    },
    {
      name: 'widget.md',
      data: () => sampleMarkdown,
      type: 'text/markdown',
      detected: 'markdown',
      query: 'accent colour',
      expect: 'Accent colour',
    },
    {
      name: 'billing.html',
      data: () => sampleHtml,
      type: 'text/html',
      detected: 'html',
      query: 'refunds cancellation',
      expect: 'Refunds are issued within 14 days',
    },
    {
      name: 'faq.csv',
      data: () => sampleCsv,
      type: 'text/csv',
      detected: 'csv',
      query: 'yearly plans months free',
      expect: 'two months free',
    },
    {
      name: 'faq.json',
      data: () => sampleJson,
      type: 'application/json',
      detected: 'json',
      query: 'REST API keys workspace',
      expect: 'REST API with keys per workspace',
    },
  ];

  for (const c of cases) {
    it(`ingests ${c.detected} end to end and search cites it`, async () => {
      const { status, body } = await upload(ws.api, c.name, c.data(), c.type, `Doc ${c.name}`);
      expect(status).toBe(201);
      expect(body.source).toMatchObject({
        kind: 'file',
        status: 'pending',
        title: `Doc ${c.name}`,
        file: { name: c.name, type: c.detected },
      });
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
    const { body } = await upload(
      ws.api,
      '../../etc/passwd.txt',
      'Stored safely: the name is only metadata.',
      'text/plain',
    );
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
    expect(garbage.body.error).toMatchObject({
      code: 'unsupported_file_type',
      message: expect.stringContaining("can't be added to knowledge"),
    });
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      noiseBytes(2048),
    ]);
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
    const huge = await rawPost(
      '/api/v1/knowledge/sources/upload',
      ws.apiKey,
      Buffer.alloc(3 * 1024 * 1024, 0x61),
      'multipart/form-data; boundary=x',
    );
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('payload_too_large');
    const json = await ws.api.post('/api/v1/knowledge/sources/upload', { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('file_required');
    // Other routes keep the general body limit (1 MiB).
    const text = await rawPost(
      '/api/v1/knowledge/sources',
      ws.apiKey,
      Buffer.from(JSON.stringify({ kind: 'text', title: 'Too big', text: 'word '.repeat(300_000) })),
      'application/json',
    );
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
