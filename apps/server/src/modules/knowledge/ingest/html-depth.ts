import type { DomElement } from './html-blocks';

/** Elements that never hold others, and those whose end tag HTML lets a page leave out. */
const NO_NESTING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'rp',
  'rt',
  'colgroup',
]);

const RAW_TEXT = new Set(['script', 'style', 'template', 'textarea', 'title', 'xmp', 'noscript']);

const LT = 60;
const GT = 62;
const SLASH = 47;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isNameChar = (code: number) =>
  isLetter(code) || (code >= 48 && code <= 57) || code === 45 || code === 58 || code === 95;

/** The first index at or after `from` holding `code` (the text's length when none). */
function seek(html: string, from: number, code: number): number {
  let i = from;
  while (i < html.length && html.charCodeAt(i) !== code) i++;
  return i;
}

/** The index of `-->` closing a comment whose text starts at `from`. */
function commentEnd(html: string, from: number): number {
  for (let i = from; i + 2 < html.length; i++) {
    if (html.charCodeAt(i) === 45 && html.charCodeAt(i + 1) === 45 && html.charCodeAt(i + 2) === GT) return i + 3;
  }
  return html.length;
}

/** The start of the end tag `</name` at or after `from`, compared without case. */
function endTagOf(html: string, from: number, name: string): number {
  for (let i = seek(html, from, LT); i < html.length; i = seek(html, i + 1, LT)) {
    if (html.charCodeAt(i + 1) !== SLASH) continue;
    let k = 0;
    while (k < name.length && (html.charCodeAt(i + 2 + k) | 32) === name.charCodeAt(k)) k++;
    if (k === name.length) return i;
  }
  return html.length;
}

/**
 * How deep the markup nests, read from the text before any parser sees it: a parser (and
 * Readability after it) takes far longer than linear time on a page of thousands of nested
 * elements. One forward pass over character codes, so hostile markup (unclosed comments,
 * tags, scripts) cannot make the scan itself slow. Tags whose end tag HTML lets a page leave
 * out are not counted, so sloppy markup does not look deeper than it is.
 */
export function markupDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  let i = seek(html, 0, LT);
  while (i < html.length) {
    if (html.charCodeAt(i + 1) === 33 && html.charCodeAt(i + 2) === 45 && html.charCodeAt(i + 3) === 45) {
      i = seek(html, commentEnd(html, i + 4), LT);
      continue;
    }
    const close = html.charCodeAt(i + 1) === SLASH;
    const start = i + (close ? 2 : 1);
    let end = start;
    if (isLetter(html.charCodeAt(start))) while (isNameChar(html.charCodeAt(++end)));
    if (end === start) {
      i = seek(html, i + 1, LT);
      continue;
    }
    const name = html.slice(start, end).toLowerCase();
    const gt = seek(html, end, GT);
    let next = gt + 1;
    if (close) {
      if (!NO_NESTING.has(name)) depth = Math.max(0, depth - 1);
    } else if (RAW_TEXT.has(name)) {
      next = endTagOf(html, next, name);
    } else if (!NO_NESTING.has(name) && html.charCodeAt(gt - 1) !== SLASH) {
      deepest = Math.max(deepest, ++depth);
    }
    i = seek(html, next, LT);
  }
  return deepest;
}

/** The deepest element below `root` (children of `root` are at depth 1), walked without recursion. */
export function domDepth(root: DomElement): number {
  let deepest = 0;
  const stack: Array<[DomElement, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return deepest;
}
