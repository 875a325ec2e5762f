import { clean } from './clean';
import { extractCsv } from './csv';
import { decodeHtml, decodeText } from './decode';
import { detectType } from './detect-type';
import { extractDocx } from './docx';
import { extractHtml } from './html';
import { extractJson } from './json';
import { DEFAULT_DOCUMENT_LIMITS, overLimit, type DocumentLimits } from './limits';
import { extractMarkdown } from './markdown';
import { extractPdf } from './pdf';
import { extractText } from './text';
import type { DeclaredType, DocumentType, ExtractedDocument } from './types';
import type { ZipLimits } from './zip';

export interface ExtractOptions {
  /** The Content-Type header the file came with: its charset is used for text and HTML. */
  contentType?: string;
  /** HTML: pick the main content with Readability (default true). */
  mainContent?: boolean;
  /** DOCX: decompression limits (defaults: 50 MiB in all, 100:1, 2,000 entries). */
  zipLimits?: ZipLimits;
  /** Caps on pages, rows, nesting and characters (see limits.ts); defaults where left out. */
  limits?: Partial<DocumentLimits>;
}

const charsetOf = (contentType?: string) => /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];

/** A cleaned, structured document from a file of a known type (see detectType). */
export async function extract(
  buffer: Uint8Array,
  type: DocumentType,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...options.limits };
  const document = clean(await extractRaw(buffer, type, options, limits));
  const chars = document.blocks.reduce((n, block) => n + block.text.length, 0);
  if (chars > limits.maxChars)
    throw overLimit(
      'characters of text',
      chars,
      limits.maxChars,
      'Split it into smaller documents and add them separately.',
    );
  return document;
}

async function extractRaw(
  buffer: Uint8Array,
  type: DocumentType,
  options: ExtractOptions,
  limits: DocumentLimits,
): Promise<ExtractedDocument> {
  switch (type) {
    case 'pdf':
      return extractPdf(buffer, limits.maxPdfPages);
    case 'docx':
      return extractDocx(buffer, options.zipLimits, limits.maxHtmlDepth);
    case 'html':
      return extractHtml(decodeHtml(buffer, options.contentType), {
        mainContent: options.mainContent ?? true,
        maxDepth: limits.maxHtmlDepth,
      });
    case 'markdown':
      return extractMarkdown(decodeText(buffer, charsetOf(options.contentType)));
    case 'csv':
      return extractCsv(decodeText(buffer, charsetOf(options.contentType)), limits.maxCsvRows);
    case 'json':
      return extractJson(decodeText(buffer, charsetOf(options.contentType)));
    case 'text':
      return extractText(decodeText(buffer, charsetOf(options.contentType)));
  }
}

/** detectType then extract: what an upload or a fetched URL goes through. */
export async function extractFile(
  buffer: Uint8Array,
  declared: DeclaredType = {},
  options: ExtractOptions = {},
): Promise<{ type: DocumentType; document: ExtractedDocument }> {
  const type = detectType(buffer, declared);
  const contentType = options.contentType ?? declared.contentType;
  return { type, document: await extract(buffer, type, { ...options, ...(contentType ? { contentType } : {}) }) };
}
