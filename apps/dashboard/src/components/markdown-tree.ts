import type { Element, ElementContent, Root, RootContent } from 'hast';
import { safeHref } from '../lib/safe-href';

type Node = Root | RootContent;
type Parent = Root | Element;

const BLOCKS = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'hr',
  'section',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
const BREAK = new Set(['br']);
// Line breaks, and citation markers `[n]`.
const INLINE = /\n|\[(\d{1,2})\]/g;

/**
 * A rehype plugin for model answers, applied before react-markdown renders the tree:
 * - links keep to http(s) and mailto; any other link is shown as the Markdown that wrote it;
 * - images become links saying "Image: …" and are never loaded (they could track the reader);
 *   an image at an unsafe address is shown as its Markdown;
 * - outside code, a line break in an answer is kept (models write lists and addresses line by
 *   line) and citation markers `[n]` become `<cite data-index>` for the caller to draw;
 * - a quote of one paragraph holds its text directly, and whitespace between blocks goes
 *   (React warns on text inside lists and tables).
 * Raw HTML stays a `raw` node here; react-markdown turns it into visible text afterwards.
 */
export function answerTree() {
  return (tree: Root, file: { value: unknown }) => {
    const source = String(file.value ?? '');
    const asSource = (node: Element): ElementContent => {
      const { start, end } = node.position ?? {};
      const text =
        start?.offset !== undefined && end?.offset !== undefined
          ? source.slice(start.offset, end.offset)
          : textOf(node);
      return { type: 'text', value: text };
    };
    walk(tree, (node, parent) => {
      if (node.type === 'element' && node.tagName === 'a') {
        const href = safeHref(String(node.properties.href ?? ''));
        if (!href) return [asSource(node)];
        node.properties = { href };
      } else if (node.type === 'element' && node.tagName === 'img') {
        const src = String(node.properties.src ?? '');
        const href = safeHref(src);
        if (!href) return [asSource(node)];
        const label = `Image: ${String(node.properties.alt ?? '') || src}`;
        return [{ type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: label }] }];
      } else if (node.type === 'text' && !(parent.type === 'element' && parent.tagName === 'code')) {
        return inline(node.value);
      } else if (node.type === 'element' && node.tagName === 'blockquote') {
        const blocks = node.children.filter((child) => !isBlank(child));
        if (blocks.length === 1 && blocks[0]!.type === 'element' && blocks[0]!.tagName === 'p')
          node.children = blocks[0]!.children;
      }
      return undefined;
    });
  };
}

/** Visits every node below `parent`; a visitor's returned nodes replace the visited one. */
function walk(parent: Parent, visit: (node: ElementContent, parent: Parent) => ElementContent[] | undefined): void {
  const out: ElementContent[] = [];
  const children = parent.children as ElementContent[];
  children.forEach((child, i) => {
    const near = (at: number, tags: Set<string>) =>
      children[at]?.type === 'element' && tags.has((children[at] as Element).tagName);
    // Between blocks, or the line end that follows a hard break (the break already ends the line).
    if (isBlank(child) && (near(i - 1, BLOCKS) || near(i + 1, BLOCKS) || near(i - 1, BREAK) || parent.type === 'root'))
      return;
    const replaced = visit(child, parent);
    if (replaced) return void out.push(...replaced);
    if (child.type === 'element') walk(child, visit);
    out.push(child);
  });
  parent.children = out;
}

function inline(text: string): ElementContent[] | undefined {
  const matches = [...text.matchAll(INLINE)];
  if (!matches.length) return undefined;
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of matches) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    const [whole, index] = match;
    if (index)
      out.push({
        type: 'element',
        tagName: 'cite',
        properties: { dataIndex: index },
        children: [{ type: 'text', value: whole }],
      });
    else out.push({ type: 'element', tagName: 'br', properties: {}, children: [] });
    last = match.index + whole.length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

const isBlank = (node: Node) => node.type === 'text' && node.value.trim() === '';

export function textOf(node: Node): string {
  if (node.type === 'text' || node.type === 'raw') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}
