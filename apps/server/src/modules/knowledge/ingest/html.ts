import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { headingId, htmlBlocks, inlineOf, type DomElement } from './html-blocks';
import { domDepth, markupDepth } from './html-depth';
import { DEFAULT_DOCUMENT_LIMITS, overLimit, READABILITY_MAX_DEPTH } from './limits';
import { createSlugger } from './slug';
import type { Block, ExtractedDocument } from './types';

export interface HtmlOptions {
  /**
   * Look for the main content with Readability (pages from the web). Off for HTML that is
   * all content, like a converted DOCX. Default true.
   */
  mainContent?: boolean;
  /** Read a table's first row as its header even without <th> (Word tables). */
  firstRowHeader?: boolean;
  /** Deepest element nesting read (deeper pages are refused). */
  maxDepth?: number;
}

interface ParsedDocument {
  title: string;
  body: DomElement | null;
  documentElement: DomElement;
  querySelector(selector: string): DomElement | null;
}

const parse = (html: string) => parseHTML(html).document as unknown as ParsedDocument;

/** Boilerplate around the content when Readability found no article. */
const BOILERPLATE = [
  'nav',
  'aside',
  '[role=navigation]',
  '[role=banner]',
  '[role=contentinfo]',
  '[role=complementary]',
  '[role=search]',
  '[aria-hidden=true]',
  '[hidden]',
  '.cookie-banner',
  '#cookie-banner',
  '.skip-link',
].join(', ');

function stripBoilerplate(root: DomElement): void {
  for (const el of Array.from(root.querySelectorAll(BOILERPLATE))) el.remove();
  // A page's header and footer go; an article's own <header> (its title) stays.
  for (const el of Array.from(root.querySelectorAll('header, footer'))) if (!el.closest('article, main')) el.remove();
}

/** Permalink marks that headings carry ("Install #", "Install ¶"). */
const cleanHeading = (text: string) => text.replace(/\s*[#¶§🔗]+\s*$/u, '').trim();

const textLength = (el: DomElement | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim().length;

/**
 * The readable content of a page. Readability picks the article when it finds one (nav,
 * sidebars, footers and cookie banners drop out); otherwise, or when its pick holds less
 * than half the page's text (an FAQ page of many short sections), the body is walked with
 * the obvious boilerplate removed. Pages nested deeper than READABILITY_MAX_DEPTH skip
 * Readability (its cost grows with depth); those past `maxDepth` are refused.
 */
const tooDeep = (depth: number, maxDepth: number) =>
  overLimit(
    'levels of nested elements',
    depth,
    maxDepth,
    'Pages nested this deeply are not read; flatten the markup and add it again.',
  );

/** Refuses markup nested past `maxDepth` before a parser spends its time on it. */
export function assertMarkupDepth(html: string, maxDepth = DEFAULT_DOCUMENT_LIMITS.maxHtmlDepth): void {
  const estimated = markupDepth(html);
  if (estimated > maxDepth) throw tooDeep(estimated, maxDepth);
}

export function extractHtml(html: string, options: HtmlOptions = {}): ExtractedDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_DOCUMENT_LIMITS.maxHtmlDepth;
  assertMarkupDepth(html, maxDepth);
  const original = parse(html);
  const depth = domDepth(original.documentElement);
  if (depth > maxDepth) throw tooDeep(depth, maxDepth);
  const firstH1 = original.querySelector('h1');
  const h1Text = firstH1 ? cleanHeading(inlineOf(firstH1).replace(/\s+/g, ' ')) : '';
  const fallback = parse(html).body ?? parse(html).documentElement;
  stripBoilerplate(fallback);

  let root: DomElement = fallback;
  let readabilityTitle = '';
  if ((options.mainContent ?? true) && depth <= READABILITY_MAX_DEPTH) {
    // Readability keeps a page's <nav> when the page is small; it never holds content.
    const forReadability = parse(html);
    stripBoilerplate(forReadability.documentElement);
    const article = new Readability(forReadability as never, { keepClasses: false }).parse();
    const content = article?.content ? parse(`<!doctype html><html><body>${article.content}</body></html>`).body : null;
    if (content && textLength(content) >= 0.5 * textLength(fallback)) {
      root = content;
      readabilityTitle = article?.title?.trim() ?? '';
    }
  }

  const slug = createSlugger();
  const blocks = htmlBlocks(root, {
    anchorFor: (heading, text) => `#${headingId(heading) ?? slug(cleanHeading(text))}`,
    firstRowHeader: options.firstRowHeader ?? false,
  }).map((block): Block => (block.kind === 'heading' ? { ...block, text: cleanHeading(block.text) } : block));

  const title = h1Text || readabilityTitle || original.title.trim() || undefined;
  // Readability drops the h1 that repeats the title; put it back so chunks carry it.
  if (h1Text && !blocks.some((b) => b.kind === 'heading' && b.text === h1Text)) {
    blocks.unshift({
      kind: 'heading',
      level: 1,
      text: h1Text,
      anchor: `#${(firstH1 && headingId(firstH1)) ?? slug(h1Text)}`,
    });
  }
  return { ...(title ? { title } : {}), blocks };
}
