import { guardedFetch, isEgressError } from '../../platform/egress';
import { isLlmError } from '../../platform/llm';
import { rootLogger } from '../../platform/log';
import { FileMissingError, fileStorage } from '../../platform/storage';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { platformModels } from '../providers';
import { queueEmbedding } from './backfill';
import { existingEmbeddings, hashText, type ChunkInput } from './chunk-store';
import { documentLimits, extractor, maxChunksPerSource } from './extraction';
import { chunkEmbeddingText, contentHash, crawlSite, IngestError, DOCUMENT_TYPES, type DocumentType } from './ingest';
import { overLimit } from './ingest/limits';
import { detectLanguage } from './language';
import type { PreparedDocument } from './ingest/prepare';
import { ExtractorStoppedError } from './ingest/sandbox/extractor';
import { claim, DIED_TWICE, fail, finish, release, report } from './run-state';
import type { SourceRow } from './schema';
import { hasVectorColumn } from './vector-support';

/** A failure whose message is meant for the person who added the source. */
export class SourceFailure extends Error {}

interface Page {
  document: PreparedDocument;
  url: string | null;
}

export const EMBED_BATCH = 64;
const URL_MAX_BYTES = 20 * 1024 * 1024;
const USER_AGENT = 'SwitchboardBot/1.0';

/** Every document is read, cleaned and chunked in the extraction process, never on this event loop. */
const readDocument = (bytes: Uint8Array, how: { type?: DocumentType; filename?: string; contentType?: string }) =>
  extractor().run({
    kind: 'document',
    bytes,
    ...(how.type && { type: how.type }),
    declared: {
      ...(how.filename !== undefined && { filename: how.filename }),
      ...(how.contentType && { contentType: how.contentType }),
    },
    limits: documentLimits(),
  });

async function crawl(ctx: ServiceContext, source: SourceRow): Promise<Page[]> {
  const maxPages = Number(source.config.maxPages ?? 50);
  const pages: Page[] = [];
  const errors: string[] = [];
  let seen = 0;
  let chunks = 0;
  const readPage = async ({
    body,
    contentType,
    url,
    userAgent,
  }: {
    body: Uint8Array;
    contentType: string | undefined;
    url: string;
    userAgent: string;
  }) => {
    const { document, ...links } = await extractor().run({
      kind: 'page',
      bytes: body,
      url,
      userAgent,
      limits: documentLimits(),
      ...(contentType && { contentType }),
    });
    return { ...links, page: document };
  };
  for await (const result of crawlSite(String(source.config.url), {
    fetch: guardedFetch,
    maxPages,
    maxDepth: Number(source.config.maxDepth ?? 3),
    readPage,
  })) {
    if ('error' in result) {
      errors.push(result.error);
      continue;
    }
    seen++;
    if (result.page && result.page.chunks.length > 0) {
      chunks += result.page.chunks.length;
      if (chunks > maxChunksPerSource())
        throw overLimit(
          'passages',
          null,
          maxChunksPerSource(),
          'Crawl fewer pages (lower maxPages) or split the site into several sources.',
        );
      pages.push({ document: result.page, url: result.url });
    }
    await report(ctx, source.id, 'fetch', 2 + (48 * seen) / maxPages);
  }
  if (!pages.length) throw new SourceFailure(errors[0] ?? 'No pages with text were found on this site.');
  return pages;
}

/** Fetch (or read) and extract: the source as cleaned, chunked documents. */
async function documentsOf(ctx: ServiceContext, source: SourceRow): Promise<Page[]> {
  switch (source.kind) {
    case 'file': {
      const file = source.file!;
      let bytes: Buffer;
      try {
        bytes = await fileStorage().get(file.storageKey);
      } catch (error) {
        if (error instanceof FileMissingError)
          throw new SourceFailure('The uploaded file is missing from storage; upload it again.');
        rootLogger().warn({ err: error, sourceId: source.id }, 'file storage read failed');
        throw new SourceFailure('The file storage could not be read just now; retry this source.');
      }
      await report(ctx, source.id, 'extract', 20);
      const type = (DOCUMENT_TYPES as readonly string[]).includes(file.type) ? (file.type as DocumentType) : undefined;
      return [{ document: await readDocument(bytes, { filename: file.name, ...(type && { type }) }), url: null }];
    }
    case 'text': {
      await report(ctx, source.id, 'extract', 20);
      return [
        {
          document: await readDocument(Buffer.from(String(source.config.text ?? ''), 'utf8'), { filename: 'text.txt' }),
          url: null,
        },
      ];
    }
    case 'url': {
      const response = await guardedFetch(String(source.config.url), {
        maxBytes: URL_MAX_BYTES,
        timeoutMs: 30_000,
        headers: { 'user-agent': USER_AGENT },
      });
      await report(ctx, source.id, 'extract', 30);
      const name = new URL(response.url).pathname.split('/').pop() ?? '';
      const contentType = response.headers['content-type'];
      return [
        {
          document: await readDocument(response.body, { filename: name, ...(contentType && { contentType }) }),
          url: response.url,
        },
      ];
    }
    case 'website':
      return crawl(ctx, source);
    default:
      throw new SourceFailure(`A ${source.kind} source is not ingested.`);
  }
}

function chunksOf(pages: Page[]): Array<ChunkInput & { embedText: string }> {
  return pages.flatMap((page) =>
    page.document.chunks.map((c) => ({
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

/** The chunks' language, from their first few (see language.ts). */
const languageOf = (chunks: Array<{ text: string }>) =>
  detectLanguage(
    chunks
      .slice(0, 20)
      .map((c) => c.text)
      .join('\n'),
  );

/**
 * Embeddings for the chunks, reusing the source's stored ones for unchanged text. None for a
 * language the embedder cannot read. When the local model cannot embed them now, the chunks
 * are stored without (searchable by keywords) and the backfill job embeds them later; an
 * embedding API's failure fails the run as before, with its message.
 */
async function embed(
  ctx: ServiceContext,
  source: SourceRow,
  chunks: Array<ChunkInput & { embedText: string }>,
  language: string,
): Promise<ChunkInput[]> {
  const embedder = platformModels().embedder;
  const plain = chunks.map(({ embedText: _e, ...rest }) => rest);
  if (!embedder || (embedder.languages && language !== 'und' && !embedder.languages.includes(language))) return plain;
  if (!(await withTenant(ctx, (tx) => hasVectorColumn(tx)))) return plain;
  // The local model's first load builds its table (seconds): the source is ready by keywords
  // meanwhile, and the backfill job (queued below) embeds it once the model is up.
  if (!embedder.ready()) {
    embedder.warm();
    return plain;
  }
  const known = await withTenant(ctx, (tx) => existingEmbeddings(tx, source.id, embedder.modelId));
  const missing = chunks.map((c, i) => ({ c, i })).filter(({ c }) => !known.has(hashText(c.text)));
  const vectors = new Map<number, number[]>();
  try {
    for (let start = 0; start < missing.length; start += EMBED_BATCH) {
      const batch = missing.slice(start, start + EMBED_BATCH);
      await report(ctx, source.id, 'embed', 60 + (35 * start) / missing.length);
      const out = await embedder.embed(batch.map(({ c }) => c.embedText));
      batch.forEach(({ i }, k) => vectors.set(i, out[k]!));
    }
  } catch (error) {
    if (embedder.kind !== 'local') throw error;
    rootLogger().warn(
      { err: error, sourceId: source.id },
      'local embedding failed; the source is searchable by keywords until the backfill embeds it',
    );
  }
  return plain.map((c, i) => {
    const embedding = vectors.get(i) ?? known.get(hashText(c.text)) ?? null;
    return { ...c, embedding, embeddingModel: embedding ? embedder.modelId : null };
  });
}

const NO_TEXT = 'No text was found in this source.';

function failureMessage(error: unknown): string {
  if (error instanceof IngestError || error instanceof SourceFailure || isEgressError(error)) return error.message;
  if (isLlmError(error)) return `The embedding model failed: ${error.message}`;
  rootLogger().error({ err: error }, 'knowledge ingestion failed unexpectedly');
  return 'Something went wrong while processing this source. Retry it; if it keeps failing, contact support.';
}

/**
 * fetch/extract → clean → chunk → embed → store, for one source. Idempotent: whatever a
 * crashed run left, a rerun ends ready with exactly one set of chunks. Throws only when the
 * server is stopping (the job then runs again later); every other failure is the source's.
 */
export async function runIngestion(ctx: ServiceContext, id: string, options: { sync: boolean }): Promise<void> {
  const claimed = await claim(ctx, id, options.sync);
  if (!claimed) return;
  if ('diedBefore' in claimed) return fail(ctx, id, DIED_TWICE);
  const { source } = claimed;
  try {
    const pages = await documentsOf(ctx, source);
    const hash = contentHash(JSON.stringify(pages.map((p) => [p.url, p.document.title, p.document.hash])));
    const title = pages[0]?.document.title ?? null;
    if (source.contentHash === hash && source.chunkCount > 0)
      return await finish(ctx, source, { hash, title, chunks: null });
    await report(ctx, id, 'chunk', 55);
    const chunks = chunksOf(pages);
    if (!chunks.length) throw new SourceFailure(NO_TEXT);
    const language = languageOf(chunks);
    const stored = await embed(ctx, source, chunks, language);
    await finish(ctx, source, { hash, title, chunks: stored, language });
    if (stored.some((c) => !c.embedding)) await withTenant(ctx, (tx) => queueEmbedding(tx, ctx.tenantId));
  } catch (error) {
    if (error instanceof ExtractorStoppedError) {
      await release(ctx, id);
      throw error;
    }
    await fail(ctx, id, failureMessage(error), failedForGood(source, error));
  }
}

/** An uploaded file that cannot be read, or holds no text, fails the same way every time. */
function failedForGood(source: SourceRow, error: unknown): boolean {
  return (
    source.kind === 'file' &&
    (error instanceof IngestError || (error instanceof SourceFailure && error.message === NO_TEXT))
  );
}
