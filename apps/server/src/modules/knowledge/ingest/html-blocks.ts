import { tableText } from './table-text';
import type { Block } from './types';

/** The little of the DOM this walker uses (linkedom's types need the DOM lib). */
export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
export interface DomElement extends DomNode {
  tagName: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  remove(): void;
}

const ELEMENT = 1;
const TEXT = 3;
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'button',
  'select',
  'input',
  'textarea',
  'form',
  'head',
  'title',
  'meta',
  'link',
]);
const CONTAINERS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'details',
  'dialog',
  'div',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'li',
  'main',
  'nav',
  'section',
  'summary',
  'dd',
  'dt',
  'html',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
]);
const BLOCK_TAGS = new Set([
  ...CONTAINERS,
  'p',
  'ul',
  'ol',
  'dl',
  'table',
  'pre',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

export const tagOf = (el: DomElement) => el.tagName.toLowerCase();
const isElement = (node: DomNode): node is DomElement => node.nodeType === ELEMENT;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function hidden(el: DomElement): boolean {
  return (
    el.getAttribute('hidden') !== null ||
    el.getAttribute('aria-hidden') === 'true' ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.getAttribute('style') ?? '')
  );
}

function containsBlock(el: DomElement): boolean {
  return Array.from(el.children).some((child) => BLOCK_TAGS.has(tagOf(child)) || containsBlock(child));
}

/** Inline text of an element: images give their alt text, <br> a space. */
export function inlineOf(node: DomNode): string {
  if (node.nodeType === TEXT) return node.textContent ?? '';
  if (!isElement(node)) return '';
  const tag = tagOf(node);
  if (SKIP.has(tag) || hidden(node)) return '';
  if (tag === 'br') return ' ';
  if (tag === 'img') return node.getAttribute('alt') ?? '';
  const text = Array.from(node.childNodes).map(inlineOf).join('');
  // Block boundaries inside inline content (a list in a table cell) still separate words.
  return BLOCK_TAGS.has(tag) ? ` ${text} ` : text;
}

/** A heading's own id, or that of an anchor inside it (`<h2><a id="x">`). */
export function headingId(el: DomElement): string | undefined {
  const own = el.getAttribute('id');
  if (own) return own;
  const inner = el.querySelector('[id], a[name]');
  return inner?.getAttribute('id') ?? inner?.getAttribute('name') ?? undefined;
}

function listText(list: DomElement, depth: number): string[] {
  const ordered = tagOf(list) === 'ol';
  let number = Number(list.getAttribute('start') ?? 1) || 1;
  const lines: string[] = [];
  for (const item of Array.from(list.children)) {
    if (tagOf(item) !== 'li') continue;
    const nested: string[] = [];
    const own = Array.from(item.childNodes)
      .map((child) => {
        if (isElement(child) && (tagOf(child) === 'ul' || tagOf(child) === 'ol')) {
          // One at a time: spreading a long list into push() overflows the stack.
          for (const line of listText(child, depth + 1)) nested.push(line);
          return ' ';
        }
        return inlineOf(child);
      })
      .join('');
    const marker = ordered ? `${number++}.` : '-';
    if (squash(own)) lines.push(`${'  '.repeat(depth)}${marker} ${squash(own)}`);
    for (const line of nested) lines.push(line);
  }
  return lines;
}

function rowsOf(table: DomElement): DomElement[] {
  return Array.from(table.children).flatMap((child) => {
    const tag = tagOf(child);
    if (tag === 'tr') return [child];
    return tag === 'thead' || tag === 'tbody' || tag === 'tfoot'
      ? Array.from(child.children).filter((r) => tagOf(r) === 'tr')
      : [];
  });
}

export interface WalkOptions {
  /** The anchor for a heading: its id if it has one, else a slug. */
  anchorFor(heading: DomElement, text: string): string;
  /** Treat a table's first row as its header even without <th> (Word tables). */
  firstRowHeader?: boolean;
}

/** Cells holding headings, tables or code are page layout, not data. */
const LAYOUT_CONTENT = 'h1, h2, h3, h4, h5, h6, table, pre, article, section';

/** Walks an element's content into blocks: headings, paragraphs, lists, tables, code. */
export function htmlBlocks(root: DomElement, options: WalkOptions): Block[] {
  const blocks: Block[] = [];
  let inline = '';
  const flush = () => {
    const text = squash(inline);
    if (text) blocks.push({ kind: 'paragraph', text });
    inline = '';
  };

  const walk = (parent: DomElement) => {
    for (const node of Array.from(parent.childNodes)) {
      if (!isElement(node)) {
        if (node.nodeType === TEXT) inline += node.textContent ?? '';
        continue;
      }
      const tag = tagOf(node);
      if (SKIP.has(tag) || hidden(node)) continue;
      if (/^h[1-6]$/.test(tag)) {
        flush();
        const text = squash(inlineOf(node));
        if (text) blocks.push({ kind: 'heading', level: Number(tag[1]), text, anchor: options.anchorFor(node, text) });
      } else if (tag === 'p') {
        flush();
        inline = inlineOf(node);
        flush();
      } else if (tag === 'ul' || tag === 'ol') {
        flush();
        const lines = listText(node, 0);
        if (lines.length > 0) blocks.push({ kind: 'list', text: lines.join('\n') });
      } else if (tag === 'table') {
        flush();
        table(node);
      } else if (tag === 'pre') {
        flush();
        const text = (node.textContent ?? '').replace(/^\n+|\s+$/g, '');
        if (text) blocks.push({ kind: 'code', text });
      } else if (tag === 'dl') {
        flush();
        // "Term: definition" in one paragraph, so the two stay in the same chunk.
        const entries: string[] = [];
        for (const item of Array.from(node.children)) {
          const text = squash(inlineOf(item));
          if (!text) continue;
          if (tagOf(item) === 'dt' || entries.length === 0) entries.push(text);
          else entries[entries.length - 1] += `${entries[entries.length - 1]!.endsWith(':') ? ' ' : ': '}${text}`;
        }
        for (const text of entries) blocks.push({ kind: 'paragraph', text });
      } else if (tag === 'hr') {
        flush();
      } else if (CONTAINERS.has(tag) || containsBlock(node)) {
        flush();
        walk(node);
        flush();
      } else {
        inline += inlineOf(node);
      }
    }
  };

  /** A data table becomes a text table; a layout table (blocks in its cells) is walked. */
  const table = (el: DomElement) => {
    const rows = rowsOf(el);
    const cells = rows.map((row) => Array.from(row.children).filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th'));
    if (cells.some((row) => row.some((cell) => cell.querySelector(LAYOUT_CONTENT) !== null))) return walk(el);
    const texts = cells.map((row) => row.map((cell) => squash(inlineOf(cell))));
    const hasHeader =
      (cells[0]?.length ?? 0) > 0 &&
      (cells[0]!.every((c) => tagOf(c) === 'th') ||
        rows[0]!.closest('thead') !== null ||
        (options.firstRowHeader === true && rows.length > 1));
    const text = tableText(texts, hasHeader);
    if (text) blocks.push({ kind: 'table', text });
  };

  walk(root);
  flush();
  return blocks;
}
