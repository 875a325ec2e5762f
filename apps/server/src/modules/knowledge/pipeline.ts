import { eq } from 'drizzle-orm';
import { guardedFetch, isEgressError } from '../../platform/egress';
import { embedTexts, isLlmError } from '../../platform/llm';
import { rootLogger } from '../../platform/log';
import { FileMissingError, fileStorage } from '../../platform/storage';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { platformModels } from '../providers';
import { existingEmbeddings, hashText, replaceChunks, type ChunkInput } from './chunk-store';
import { chunk, chunkEmbeddingText, contentHash, crawlSite, extract, extractFile, IngestError, DOCUMENT_TYPES, type DocumentType, type ExtractedDocument } from './ingest';
import { knowledgeSources, type SourceRow } from './schema';
import { hasVectorColumn } from './vector-support';

/** A failure whose message is meant for the person who added the source. */
export class SourceFailure extends Error {}

interface Page {
  document: ExtractedDocument;
  url: string | null;
}

export const EMBED_BATCH = 64;
const URL_MAX_BYTES = 20 * 1024 * 1024;
const USER_AGENT = 'SwitchboardBot/1.0';

const nextSync = (hours: number | null) => (hours ? new Date(Date.now() + hours * 3_600_000) : null);

/** Stage and percentage in a short transaction of their own, so a poller sees them at once. */
async function report(ctx: ServiceContext, id: string, stage: string, progress: number): Promise<void> {
  await withTenant(ctx, (tx) =>
    tx.db.update(knowledgeSources).set({ stage, progress: Math.max(0, Math.min(99, Math.round(progress))), updatedAt: new Date() }).where(eq(knowledgeSources.id, id)),
  );
}

/**
 * Takes the source for this run. Runs again from the start whatever a previous (crashed)
 * run left: nothing is stored before the last step, which replaces the source's chunks in
 * one transaction. A ready source being synced stays ready (its chunks stay searchable).
 */
async function claim(ctx: ServiceContext, id: string, sync: boolean): Promise<SourceRow | null> {
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id)).for('update');
    if (!row || row.kind === 'qa' || row.status === 'failed' || (row.status === 'ready' && !sync)) return null;
    await tx.db
      .update(knowledgeSources)
      .set({ status: row.status === 'ready' ? 'ready' : 'processing', stage: 'fetch', progress: 1, updatedAt: new Date() })
      .where(eq(knowledgeSources.id, id));
    return row;
  });
}

async function crawl(ctx: ServiceContext, source: SourceRow): Promise<Page[]> {
  const maxPages = Number(source.config.maxPages ?? 50);
  const pages: Page[] = [];
  const errors: string[] = [];
  let seen = 0;
  for await (const result of crawlSite(String(source.config.url), { fetch: guardedFetch, maxPages, maxDepth: Number(source.config.maxDepth ?? 3) })) {
    if ('error' in result) {
      errors.push(result.error);
      continue;
    }
    seen++;
    const document = await extract(Buffer.from(result.html, 'utf8'), 'html', { contentType: 'text/html; charset=utf-8' });
    if (document.blocks.length) pages.push({ document, url: result.url });
    await report(ctx, source.id, 'fetch', 2 + (48 * seen) / maxPages);
  }
  if (!pages.length) throw new SourceFailure(errors[0] ?? 'No pages with text were found on this site.');
  return pages;
}

/** Fetch (or read) and extract: the source as cleaned, structured documents. */
async function documentsOf(ctx: ServiceContext, source: SourceRow): Promise<Page[]> {
  switch (source.kind) {
    case 'file': {
      const file = source.file!;
      let bytes: Buffer;
      try {
        bytes = await fileStorage().get(file.storageKey);
      } catch (error) {
        if (error instanceof FileMissingError) throw new SourceFailure('The uploaded file is missing from storage; upload it again.');
        rootLogger().warn({ err: error, sourceId: source.id }, 'file storage read failed');
        throw new SourceFailure('The file storage could not be read just now; retry this source.');
      }
      await report(ctx, source.id, 'extract', 20);
      const type = (DOCUMENT_TYPES as readonly string[]).includes(file.type) ? (file.type as DocumentType) : null;
      const document = type ? await extract(bytes, type) : (await extractFile(bytes, { filename: file.name })).document;
      return [{ document, url: null }];
    }
    case 'text': {
      await report(ctx, source.id, 'extract', 20);
      return [{ document: (await extractFile(Buffer.from(String(source.config.text ?? ''), 'utf8'), { filename: 'text.txt' })).document, url: null }];
    }
    case 'url': {
      const response = await guardedFetch(String(source.config.url), { maxBytes: URL_MAX_BYTES, timeoutMs: 30_000, headers: { 'user-agent': USER_AGENT } });
      await report(ctx, source.id, 'extract', 30);
      const name = new URL(response.url).pathname.split('/').pop() ?? '';
      const contentType = response.headers['content-type'];
      const { document } = await extractFile(response.body, { filename: name, ...(contentType ? { contentType } : {}) });
      return [{ document, url: response.url }];
    }
    case 'website':
      return crawl(ctx, source);
    default:
      throw new SourceFailure(`A ${source.kind} source is not ingested.`);
  }
}

function chunksOf(pages: Page[]): Array<ChunkInput & { embedText: string }> {
  return pages.flatMap((page) =>
    chunk(page.document).map((c) => ({
      text: c.text,
      heading: c.headingPath.join(' > '),
      page: c.page ?? null,
      anchor: c.anchor ?? null,
      url: page.url,
      tokens: c.tokens,
      embedText: chunkEmbeddingText(c),
    })),
  );
}

/** Embeddings for the chunks, reusing the source's stored ones for unchanged text. */
async function embed(ctx: ServiceContext, source: SourceRow, chunks: Array<ChunkInput & { embedText: string }>): Promise<ChunkInput[]> {
  const target = platformModels().embedding;
  const plain = chunks.map(({ embedText: _e, ...rest }) => rest);
  if (!target || !(await withTenant(ctx, (tx) => hasVectorColumn(tx)))) return plain;
  const known = await withTenant(ctx, (tx) => existingEmbeddings(tx, source.id, target.modelId));
  const missing = chunks.map((c, i) => ({ c, i })).filter(({ c }) => !known.has(hashText(c.text)));
  const vectors = new Map<number, number[]>();
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const batch = missing.slice(start, start + EMBED_BATCH);
    await report(ctx, source.id, 'embed', 60 + (35 * start) / missing.length);
    const out = await embedTexts(target, batch.map(({ c }) => c.embedText), { batchSize: EMBED_BATCH, ...(target.dimensions && { dimensions: target.dimensions }) });
    batch.forEach(({ i }, k) => vectors.set(i, out[k]!));
  }
  return plain.map((c, i) => ({ ...c, embedding: vectors.get(i) ?? known.get(hashText(c.text)) ?? null, embeddingModel: target.modelId }));
}

function failureMessage(error: unknown): string {
  if (error instanceof IngestError || error instanceof SourceFailure || isEgressError(error)) return error.message;
  if (isLlmError(error)) return `The embedding model failed: ${error.message}`;
  rootLogger().error({ err: error }, 'knowledge ingestion failed unexpectedly');
  return 'Something went wrong while processing this source. Retry it; if it keeps failing, contact support.';
}

/** Ready, with its new chunks (or, content unchanged, its old ones) and the next sync planned. */
async function finish(ctx: ServiceContext, id: string, done: { hash: string; title: string | null; chunks: ChunkInput[] | null }): Promise<void> {
  await report(ctx, id, 'store', 96);
  await withTenant(ctx, async (tx) => {
    // Locked first: a concurrent (stale) run of the same source waits, then replaces these chunks wholesale.
    const [row] = await tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id)).for('update');
    if (!row) return;
    if (done.chunks) await replaceChunks(tx, ctx.tenantId, id, row.tsConfig, done.chunks);
    const autoTitle = row.config.autoTitle === true && done.title ? { title: done.title.slice(0, 200) } : {};
    await tx.db
      .update(knowledgeSources)
      .set({ status: 'ready', stage: null, progress: 100, error: null, contentHash: done.hash, lastSyncedAt: new Date(), nextSyncAt: nextSync(row.syncIntervalHours), updatedAt: new Date(), ...autoTitle })
      .where(eq(knowledgeSources.id, id));
  });
}

async function fail(ctx: ServiceContext, id: string, error: unknown): Promise<void> {
  const message = failureMessage(error);
  await withTenant(ctx, async (tx) => {
    const [row] = await tx.db.select().from(knowledgeSources).where(eq(knowledgeSources.id, id)).for('update');
    if (!row) return;
    // A sync that fails keeps the source's last good chunks searchable and says why it is stale.
    const keep = row.status === 'ready' && row.chunkCount > 0;
    await tx.db
      .update(knowledgeSources)
      .set(
        keep
          ? { stage: null, progress: 100, error: `The last sync failed: ${message}`, nextSyncAt: nextSync(row.syncIntervalHours), updatedAt: new Date() }
          : { status: 'failed', error: message, nextSyncAt: nextSync(row.syncIntervalHours), updatedAt: new Date() },
      )
      .where(eq(knowledgeSources.id, id));
  });
}

/**
 * fetch/extract → clean → chunk → embed → store, for one source. Idempotent: whatever a
 * crashed run left, a rerun ends ready with exactly one set of chunks.
 */
export async function runIngestion(ctx: ServiceContext, id: string, options: { sync: boolean }): Promise<void> {
  const source = await claim(ctx, id, options.sync);
  if (!source) return;
  try {
    const pages = await documentsOf(ctx, source);
    const hash = contentHash(JSON.stringify(pages.map((p) => [p.url, p.document.title ?? null, p.document.blocks])));
    const title = pages[0]?.document.title ?? null;
    if (source.contentHash === hash && source.chunkCount > 0) return await finish(ctx, id, { hash, title, chunks: null });
    await report(ctx, id, 'chunk', 55);
    const chunks = chunksOf(pages);
    if (!chunks.length) throw new SourceFailure('No text was found in this source.');
    await finish(ctx, id, { hash, title, chunks: await embed(ctx, source, chunks) });
  } catch (error) {
    await fail(ctx, id, error);
  }
}
