import { append, h } from './dom';

/**
 * Markdown for answers, built as DOM nodes from text: paragraphs, line breaks, **bold**,
 * *italic*, `code`, fenced code, lists, quotes, links. Nothing in an answer can become markup:
 * `<script>` or `onerror=` stay text; only http(s) and mailto links become links (with
 * rel="noopener nofollow"); a markdown image is shown as a link and never loaded; `[n]` cites.
 * `attachment:` links are handed to `onAttachment`, which draws the visitor's own files.
 * Underscores inside words (snake_case) are not emphasis. The dashboard's react-markdown
 * renderer runs the same cases (test/clients/markdown-cases.ts).
 */
export interface RenderOptions {
  onAttachment?(id: string, name: string): Node;
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;
const INLINE =
  /(`[^`\n]+`)|(!?\[[^\]\n]*\]\([^)\s]*\))|(\*\*[^*\n]+\*\*|__[^_\n]+__)|(\*[^*\s][^*\n]*\*|(?<!\w)_[^_\s][^_\n]*_(?!\w))|(\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|(\[\d{1,2}\])/;

function link(text: string, url: string): Node {
  if (!SAFE_URL.test(url)) return document.createTextNode(text);
  return h('a', { href: url, target: '_blank', rel: 'noopener nofollow' }, text || url);
}

function inline(parent: Node, text: string, options: RenderOptions): void {
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      append(parent, rest);
      return;
    }
    append(parent, rest.slice(0, match.index));
    const [all, code, linkish, strong, em, bare, cite] = match;
    if (code) append(parent, h('code', {}, code.slice(1, -1)));
    else if (linkish) {
      const image = linkish.startsWith('!');
      const label = linkish.slice(image ? 2 : 1, linkish.indexOf(']('));
      const url = linkish.slice(linkish.indexOf('](') + 2, -1);
      const attachment = /^attachment:(fil_[0-9a-z]{26})$/.exec(url);
      if (attachment && options.onAttachment)
        append(parent, options.onAttachment(attachment[1]!, label.replace(/^📎\s*/, '')));
      // Images are never fetched: a visitor sees where it points and may follow it.
      else append(parent, link(image ? `🖼 ${label || url}` : label, url));
    } else if (strong) inline(parent.appendChild(h('strong')), strong.slice(2, -2), options);
    else if (em) inline(parent.appendChild(h('em')), em.slice(1, -1), options);
    else if (bare) append(parent, link(bare, bare));
    else if (cite) append(parent, h('sup', { class: 'sb-cite' }, cite));
    rest = rest.slice(match.index + all.length);
  }
}

function lines(parent: Node, text: string, options: RenderOptions): void {
  text.split('\n').forEach((line, i) => {
    if (i) parent.appendChild(h('br'));
    inline(parent, line, options);
  });
}

const LIST = /^\s{0,3}([-*+]|\d{1,3}[.)])\s+/;

export function renderMarkdown(source: string, options: RenderOptions = {}): DocumentFragment {
  const out = document.createDocumentFragment();
  const rows = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) lines(out.appendChild(h('p')), paragraph.join('\n'), options);
    paragraph = [];
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (/^\s*```/.test(row)) {
      flush();
      const code: string[] = [];
      while (++i < rows.length && !/^\s*```/.test(rows[i]!)) code.push(rows[i]!);
      out.appendChild(h('pre', {}, h('code', {}, code.join('\n'))));
    } else if (LIST.test(row)) {
      flush();
      const ordered = /^\s*\d/.test(row);
      const list = out.appendChild(h(ordered ? 'ol' : 'ul'));
      for (; i < rows.length && LIST.test(rows[i]!); i++)
        inline(list.appendChild(h('li')), rows[i]!.replace(LIST, ''), options);
      i--;
    } else if (/^\s*>/.test(row)) {
      flush();
      const quote: string[] = [];
      for (; i < rows.length && /^\s*>/.test(rows[i]!); i++) quote.push(rows[i]!.replace(/^\s*>\s?/, ''));
      i--;
      lines(out.appendChild(h('blockquote')), quote.join('\n'), options);
    } else if (/^#{1,6}\s/.test(row)) {
      flush();
      inline(out.appendChild(h('p', {}, h('strong'))).firstChild!, row.replace(/^#+\s/, ''), options);
    } else if (!row.trim()) flush();
    else paragraph.push(row);
  }
  flush();
  return out;
}
