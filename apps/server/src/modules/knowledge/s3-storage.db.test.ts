import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/support/client';
import { makePdf } from '../../../test/support/fixtures/pdf';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { startS3Server, type S3TestServer } from '../../../test/support/s3-server';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * Uploaded files in an S3-compatible bucket (S3_* configured), end to end through the API:
 * stored as an object (nothing on local disk), read back by the ingestion job, deleted with
 * the source; a lost object fails its source with the "missing from storage" reason.
 */
let s3: S3TestServer;
let rt: TestRuntime;
let ws: TestWorkspace;

beforeAll(async () => {
  s3 = await startS3Server({ bucket: 'sb-knowledge', region: 'eu-central-1' });
  rt = await startTestRuntime({
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_PREFIX: 'kb/',
  });
  ws = await testWorkspace(rt, 's3');
});
afterAll(async () => {
  await rt?.stop();
  await s3?.close();
});

type Source = { id: string; status: string; stage: string | null; error: string | null; chunkCount: number };

async function upload(client: TestClient, name: string, data: Buffer | string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  return client.json<{ source: Source }>('/api/v1/knowledge/sources/upload', { method: 'POST', body: form });
}

async function settled(client: TestClient, id: string): Promise<Source> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await client.json<{ source: Source }>(`/api/v1/knowledge/sources/${id}`);
    // A failed source keeps the stage it failed at; a ready one is settled once no sync is queued.
    if (body.source.status === 'failed' || (body.source.status === 'ready' && body.source.stage === null))
      return body.source;
    if (Date.now() > deadline) throw new Error(`source ${id} still ${body.source.status}/${body.source.stage}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const objectsOf = (sourceId: string) => s3.keys().filter((key) => key.startsWith(`kb/${ws.id}/${sourceId}/`));

describe('knowledge files in S3', () => {
  it('stores an upload as an object, ingests it from there and deletes it with the source', async () => {
    const pdf = makePdf([['# Lockers'], ['Lockers open with the violet badge at reception.']]);
    const { status, body } = await upload(ws.api, 'lockers.pdf', pdf, 'application/pdf');
    expect(status).toBe(201);
    const objects = objectsOf(body.source.id);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatch(/^kb\/ten_[0-9a-z]{26}\/src_[0-9a-z]{26}\/[0-9a-f]{32}$/);
    expect(fs.existsSync(path.join(rt.runtime.config.dataDir, 'files', ws.id))).toBe(false);

    expect(await settled(ws.api, body.source.id)).toMatchObject({ status: 'ready', error: null });
    expect(s3.log.some((r) => r.method === 'GET' && r.key === objects[0] && r.status === 200)).toBe(true);
    const search = await ws.api.post<{ passages: Array<{ sourceId: string; page: number | null }> }>(
      '/api/v1/knowledge/search',
      { query: 'violet badge' },
    );
    expect(search.body.passages[0]).toMatchObject({ sourceId: body.source.id, page: 2 });

    expect((await ws.api.json(`/api/v1/knowledge/sources/${body.source.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(objectsOf(body.source.id)).toEqual([]);
    expect(s3.log.some((r) => r.method === 'DELETE' && r.key === objects[0] && r.status === 204)).toBe(true);
  });

  it('fails a source whose object is gone with the "missing from storage" reason, again on retry', async () => {
    const before = s3.log.length;
    s3.loseNextPut();
    const { body } = await upload(
      ws.api,
      'parking.md',
      '# Parking\n\nVisitors park in the blue garage.\n',
      'text/markdown',
    );
    expect(body.source.status).toBe('pending');
    const key = s3.log.slice(before).find((r) => r.method === 'PUT')!.key;
    expect(objectsOf(body.source.id)).toEqual([]);
    const failed = await settled(ws.api, body.source.id);
    expect(failed).toMatchObject({
      status: 'failed',
      chunkCount: 0,
      error: 'The uploaded file is missing from storage; upload it again.',
    });
    expect(s3.log.slice(before).some((r) => r.method === 'GET' && r.key === key && r.status === 404)).toBe(true);
    const retried = await ws.api.post<{ source: Source }>(`/api/v1/knowledge/sources/${body.source.id}/retry`, {});
    expect(retried.status).toBe(200);
    expect(await settled(ws.api, body.source.id)).toMatchObject({
      status: 'failed',
      error: 'The uploaded file is missing from storage; upload it again.',
    });
  });

  it('answers 503 storage_unavailable, storing nothing, when the bucket refuses the upload', async () => {
    const sources = async () =>
      (await ws.api.json<{ sources: Source[] }>('/api/v1/knowledge/sources')).body.sources.length;
    const count = await sources();
    await s3.close();
    const { status, body } = await upload(ws.api, 'refused.txt', 'Nobody will read this.', 'text/plain');
    expect(status).toBe(503);
    expect((body as unknown as { error: { code: string } }).error.code).toBe('storage_unavailable');
    expect(await sources()).toBe(count);
  });
});
