import type { Block, ExtractedDocument } from './types';

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * Whitespace normalised and control characters gone: text from PDFs and web pages carries
 * zero-width spaces, soft hyphens and stray controls that split words for search.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Code keeps its indentation; only controls and trailing spaces go. */
export function cleanCode(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(INVISIBLE, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/^\n+|\n+$/g, '')
  );
}

/** List nesting is leading indentation, so lines are not trimmed at the start. */
function cleanList(text: string): string {
  return cleanCode(text.replace(SPACES, ' ').replace(CONTROL, ' '))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.replace(/(\S) {2,}/g, '$1 '))
    .join('\n');
}

function cleanBlock(block: Block): Block {
  switch (block.kind) {
    case 'code':
      return { ...block, text: cleanCode(block.text) };
    case 'list':
      return { ...block, text: cleanList(block.text) };
    case 'heading':
      return { ...block, text: cleanText(block.text).replace(/\n/g, ' ') };
    default:
      return { ...block, text: cleanText(block.text) };
  }
}

const PAGE_NUMBER = /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
const NAVIGATION = /^(?:skip to (?:main )?content|back to top|toggle navigation|menu|table of contents|on this page)$/i;

/**
 * Running headers and footers of a PDF: short lines opening or closing a page that recur
 * on at least half of the pages (three or more), the page's own number ignored when
 * comparing ("Acme manual — page 3"). Headings are never taken for them.
 */
const runningKey = (text: string, page: number) => text.replace(new RegExp(`(?<!\\d)${page}(?!\\d)`, 'g'), '#');

function runningLines(blocks: readonly Block[]): Set<string> {
  const byPage = new Map<number, Block[]>();
  for (const block of blocks)
    if (block.page !== undefined) byPage.set(block.page, [...(byPage.get(block.page) ?? []), block]);
  if (byPage.size < 3) return new Set();
  const seenOn = new Map<string, Set<number>>();
  for (const [page, onPage] of byPage) {
    const edges = new Set([...onPage.slice(0, 2), ...onPage.slice(-2)]);
    for (const block of edges) {
      if (block.kind !== 'paragraph' || block.text.length > 100) continue;
      const key = runningKey(block.text, page);
      seenOn.set(key, (seenOn.get(key) ?? new Set<number>()).add(page));
    }
  }
  return new Set([...seenOn].filter(([, on]) => on.size >= 3 && on.size >= byPage.size / 2).map(([key]) => key));
}

/**
 * Normalised blocks without boilerplate: empty blocks, PDF page numbers and running
 * headers, skip links, and a block repeating the one before it. (Navigation, sidebars and
 * footers of web pages are removed earlier, by Readability or the HTML fallback.)
 */
export function clean(document: ExtractedDocument): ExtractedDocument {
  const cleaned = document.blocks.map(cleanBlock).filter((block) => block.text.trim() !== '');
  const running = runningLines(cleaned);
  const blocks: Block[] = [];
  for (const block of cleaned) {
    if (
      block.page !== undefined &&
      block.kind === 'paragraph' &&
      (PAGE_NUMBER.test(block.text) || running.has(runningKey(block.text, block.page)))
    )
      continue;
    if (block.kind !== 'code' && NAVIGATION.test(block.text)) continue;
    const previous = blocks[blocks.length - 1];
    if (previous && previous.kind === block.kind && previous.text === block.text && previous.page === block.page)
      continue;
    blocks.push(block);
  }
  const title = document.title === undefined ? undefined : cleanText(document.title).replace(/\n/g, ' ');
  return { ...(title ? { title } : {}), blocks };
}
