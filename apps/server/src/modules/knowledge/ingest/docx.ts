import mammoth from 'mammoth';
import { IngestError } from './errors';
import { extractHtml } from './html';
import type { ExtractedDocument } from './types';
import { assertSafeZip, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';

/**
 * DOCX through mammoth (Word styles to semantic HTML), then the HTML path. The archive is
 * checked first — declared sizes, ratios and entry count, then every entry inflated under a
 * cap — because mammoth would inflate whatever the archive holds.
 */
export async function extractDocx(
  buffer: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  maxDepth?: number,
): Promise<ExtractedDocument> {
  assertSafeZip(buffer, limits);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) },
      // Images are not text: skip them rather than inline them as base64.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
    );
    html = result.value;
  } catch (error) {
    throw new IngestError(
      'unreadable_file',
      `The Word document could not be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return extractHtml(`<!doctype html><html><body>${html}</body></html>`, {
    mainContent: false,
    firstRowHeader: true,
    ...(maxDepth !== undefined && { maxDepth }),
  });
}
