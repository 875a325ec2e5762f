import { chunk } from './chunk';
import { pageLinks, type PageLinks } from './crawl/links';
import { decodeHtml } from './decode';
import { extract, extractFile } from './extract';
import { assertMarkupDepth } from './html';
import { DEFAULT_DOCUMENT_LIMITS, overLimit, type DocumentLimits } from './limits';
import { contentHash } from './tokens';
import type { DeclaredType, DocumentType, ExtractedDocument } from './types';

/** A chunk as the pipeline stores it (the heading path still a list). */
export interface PreparedChunk {
  text: string;
  headingPath: string[];
  page?: number;
  anchor?: string;
  tokens: number;
}

/** One document read, cleaned and chunked: what the extraction sandbox hands back. */
export interface PreparedDocument {
  type: DocumentType;
  title: string | null;
  /** Of the extracted text and structure: equal hashes mean nothing to re-chunk. */
  hash: string;
  chunks: PreparedChunk[];
}

export interface DocumentTask {
  kind: 'document';
  bytes: Uint8Array;
  /** Known type (an upload detected at upload time); else detected from the bytes and `declared`. */
  type?: DocumentType;
  declared?: DeclaredType;
  limits?: Partial<DocumentLimits>;
}

/** A crawled page: its links for the crawler, and its content unless it asks not to be indexed. */
export interface PageTask {
  kind: 'page';
  bytes: Uint8Array;
  contentType?: string;
  url: string;
  userAgent: string;
  limits?: Partial<DocumentLimits>;
}

export type PreparedPage = PageLinks & { document: PreparedDocument | null };

function prepared(type: DocumentType, document: ExtractedDocument, limits: DocumentLimits): PreparedDocument {
  const chunks = chunk(document).map(({ text, headingPath, page, anchor, tokens }) => ({
    text,
    headingPath,
    tokens,
    ...(page !== undefined && { page }),
    ...(anchor !== undefined && { anchor }),
  }));
  if (chunks.length > limits.maxChunks)
    throw overLimit(
      'passages',
      chunks.length,
      limits.maxChunks,
      'Split it into smaller documents and add them separately.',
    );
  return {
    type,
    title: document.title ?? null,
    hash: contentHash(JSON.stringify([document.title ?? null, document.blocks])),
    chunks,
  };
}

/** extract → clean → chunk, with every document cap applied. */
export async function prepareDocument(task: DocumentTask): Promise<PreparedDocument> {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...task.limits };
  const contentType = task.declared?.contentType;
  if (task.type)
    return prepared(
      task.type,
      await extract(task.bytes, task.type, { limits, ...(contentType && { contentType }) }),
      limits,
    );
  const { type, document } = await extractFile(task.bytes, task.declared ?? {}, { limits });
  return prepared(type, document, limits);
}

export async function preparePage(task: PageTask): Promise<PreparedPage> {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...task.limits };
  const contentType = task.contentType ?? 'text/html';
  const html = decodeHtml(task.bytes, contentType);
  assertMarkupDepth(html, limits.maxHtmlDepth);
  const links = pageLinks(html, task.url, task.userAgent);
  if (links.noindex) return { ...links, document: null };
  return { ...links, document: prepared('html', await extract(task.bytes, 'html', { contentType, limits }), limits) };
}
