import { extractTextItems, getDocumentProxy } from 'unpdf';
import { IngestError } from './errors';
import { DEFAULT_DOCUMENT_LIMITS, overLimit } from './limits';
import type { Block, ExtractedDocument } from './types';

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
  endX: number;
  ended: boolean;
}

/** Items on one baseline become a line; pdf.js marks line ends but not always. */
function linesOf(items: readonly TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  for (const item of items) {
    if (item.str === '') {
      if (item.hasEOL && current) current.ended = true;
      continue;
    }
    const sameLine = current && !current.ended && Math.abs(item.y - current.y) <= Math.max(2, 0.3 * item.fontSize);
    if (current && sameLine) {
      const gap = item.x - current.endX;
      const needsSpace = gap > 0.15 * item.fontSize && !/\s$/.test(current.text) && !/^\s/.test(item.str);
      current.text += (needsSpace ? ' ' : '') + item.str;
      current.endX = item.x + item.width;
      current.size = Math.max(current.size, item.fontSize);
    } else {
      current = { text: item.str, y: item.y, size: item.fontSize, endX: item.x + item.width, ended: false };
      lines.push(current);
    }
    if (item.hasEOL) current.ended = true;
  }
  return lines.filter((line) => line.text.trim() !== '');
}

/** The size most characters are set in: anything clearly larger is a heading. */
function bodySize(pages: Line[][]): number {
  const weight = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + line.text.length);
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** Joins wrapped lines, mending words hyphenated across a break ("exam-" + "ple"). */
function joinLines(lines: readonly Line[]): string {
  return lines.reduce((text, line) => {
    const next = line.text.trim();
    if (text === '') return next;
    if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next)) return text.slice(0, -1) + next;
    return `${text} ${next}`;
  }, '');
}

function unreadable(error: unknown): IngestError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/password/i.test(detail))
    return new IngestError('unreadable_file', 'The PDF is password-protected; upload it without a password.');
  return new IngestError('unreadable_file', `The PDF could not be read (${detail}).`);
}

/**
 * Text per page, with the page number on every block. Lines are grouped into paragraphs by
 * vertical gaps, and short lines set clearly larger than the body text become headings
 * (levels by size), which gives chunks a heading path even in a PDF.
 */
export async function extractPdf(
  buffer: Uint8Array,
  maxPages = DEFAULT_DOCUMENT_LIMITS.maxPdfPages,
): Promise<ExtractedDocument> {
  let pages: Line[][];
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js may take ownership of (detach) the buffer it is given.
    document = await getDocumentProxy(new Uint8Array(buffer));
  } catch (error) {
    throw unreadable(error);
  }
  try {
    // Counted before any page is read: pdf.js reads every page at once.
    if (document.numPages > maxPages)
      throw overLimit(
        'pages',
        document.numPages,
        maxPages,
        'Split the PDF into smaller files and upload them separately.',
      );
    const { items } = await extractTextItems(document);
    pages = items.map((pageItems) => linesOf(pageItems as TextItem[]));
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw unreadable(error);
  } finally {
    await document.destroy().catch(() => undefined);
  }
  const body = bodySize(pages);
  const headingSizes = [
    ...new Set(
      pages
        .flat()
        .filter((l) => l.size >= body * 1.2)
        .map((l) => Math.round(l.size)),
    ),
  ].sort((a, b) => b - a);
  const levelOf = (size: number) => Math.min(6, headingSizes.indexOf(Math.round(size)) + 1);

  const blocks: Block[] = [];
  pages.forEach((lines, index) => {
    const page = index + 1;
    let group: Line[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const text = joinLines(group);
      const first = group[0]!;
      const isHeading = first.size >= body * 1.2 && group.length <= 3 && text.length <= 200;
      blocks.push(
        isHeading ? { kind: 'heading', level: levelOf(first.size), text, page } : { kind: 'paragraph', text, page },
      );
      group = [];
    };
    for (const line of lines) {
      const previous = group[group.length - 1];
      const gap = previous ? previous.y - line.y : 0;
      const sizeChanged = previous && Math.abs(previous.size - line.size) > 0.5;
      if (previous && (sizeChanged || gap > 1.6 * Math.max(previous.size, line.size) || gap < 0)) flush();
      group.push(line);
    }
    flush();
  });
  if (blocks.length === 0) {
    throw new IngestError(
      'unreadable_file',
      'The PDF has no text to read (it may be scanned images; OCR is not supported).',
    );
  }
  const title = blocks.find((b) => b.kind === 'heading' && b.page === 1)?.text;
  return { ...(title ? { title } : {}), blocks };
}
