import { expect } from 'vitest';
import { withPlatform } from '../../src/platform/tenancy';
import type { TestClient } from './client';

/** A knowledge source as the API returns it. */
export type Source = {
  id: string;
  kind: string;
  title: string;
  status: string;
  stage: string | null;
  progress: number;
  error: string | null;
  url: string | null;
  file: { name: string; size: number; type: string } | null;
  chunkCount: number;
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  syncIntervalHours: number | null;
};

export async function upload(
  client: TestClient,
  name: string,
  data: Buffer | string,
  type = 'application/octet-stream',
  title?: string,
) {
  const form = new FormData();
  form.append('file', new Blob([data], { type }), name);
  if (title) form.append('title', title);
  return client.json<{ source: Source; error: { code: string; message: string } }>('/api/v1/knowledge/sources/upload', {
    method: 'POST',
    body: form,
  });
}

export async function settled(client: TestClient, id: string, ms = 30_000): Promise<Source> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { body } = await client.json<{ source: Source }>(`/api/v1/knowledge/sources/${id}`);
    if ((body.source.status === 'ready' || body.source.status === 'failed') && body.source.stage === null)
      return body.source;
    if (body.source.status === 'failed') return body.source;
    if (Date.now() > deadline) throw new Error(`source ${id} still ${body.source.status}/${body.source.stage}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function search(client: TestClient, query: string, extra: Record<string, unknown> = {}) {
  const { status, body } = await client.post<{
    passages: Array<{
      sourceId: string;
      sourceTitle: string;
      text: string;
      page: number | null;
      url: string | null;
      qa: unknown;
    }>;
  }>('/api/v1/knowledge/search', { query, topK: 10, ...extra });
  expect(status).toBe(200);
  return body.passages;
}

/** A source's stored chunks, in order (read past RLS, as the tests check what was written). */
export const chunkRows = (sourceId: string) =>
  withPlatform(
    async (tx) =>
      (
        await tx.query<{ ordinal: number; text: string; url: string | null }>(
          'SELECT ordinal, text, url FROM knowledge_chunks WHERE source_id = $1 ORDER BY ordinal',
          [sourceId],
        )
      ).rows,
  );
