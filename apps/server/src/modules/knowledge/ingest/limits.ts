import { IngestError } from './errors';

/**
 * Caps on what one document may hold, checked while it is read so that a hostile file is
 * refused early with a sentence saying which cap it met, instead of running the extractor
 * out of time or memory. Upload size is capped separately (per plan) before any of this.
 */
export interface DocumentLimits {
  /** Characters of text after cleaning. */
  maxChars: number;
  /** Pages of a PDF. */
  maxPdfPages: number;
  /** Data rows of a CSV file. */
  maxCsvRows: number;
  /** Element nesting of an HTML page (or a converted Word document). */
  maxHtmlDepth: number;
  /** Chunks one document (or one whole source) becomes. */
  maxChunks: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxChars: 10_000_000,
  maxPdfPages: 2_000,
  maxCsvRows: 100_000,
  maxHtmlDepth: 500,
  maxChunks: 10_000,
};

/**
 * Readability scores every ancestor of every paragraph, so its cost grows with nesting;
 * deeper pages are read with the boilerplate-stripping walk instead (what it falls back to
 * anyway when it finds no article).
 */
export const READABILITY_MAX_DEPTH = 80;

const count = (n: number) => n.toLocaleString('en-US');

export function overLimit(what: string, found: number | null, limit: number, advice: string): IngestError {
  const seen = found === null ? `more than ${count(limit)}` : count(found);
  return new IngestError('over_limit', `This source has ${seen} ${what}; the limit is ${count(limit)}. ${advice}`, {
    limit,
    ...(found !== null && { found }),
  });
}
