import { Fragment, type ReactNode } from 'react';

/**
 * Model output rendered as a small subset of Markdown, built from React elements only: text is
 * always escaped, HTML in the answer stays visible text, links keep to http(s) and mailto, and
 * images are shown as links, never loaded (DESIGN §5). Paragraphs, line breaks, lists, quotes,
 * headings, code, bold, italics, links and citation markers `[n]`.
 */
export function Markdown({ text, renderCitation }: { text: string; renderCitation?: (index: number) => ReactNode }) {
  return <>{blocks(text).map((block, i) => renderBlock(block, i, renderCitation))}</>;
}

type Block =
  | { type: 'code'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'paragraph'; text: string };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

function blocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) out.push({ type: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      endParagraph();
      const code: string[] = [];
      // An unclosed fence (an answer still streaming) runs to the end.
      while (++i < lines.length && !/^\s*```/.test(lines[i]!)) code.push(lines[i]!);
      out.push({ type: 'code', text: code.join('\n') });
    } else if (line.trim() === '') {
      endParagraph();
    } else if (/^#{1,6}\s/.test(line)) {
      endParagraph();
      out.push({ type: 'heading', text: line.replace(/^#+\s+/, '') });
    } else if (/^\s*>/.test(line)) {
      endParagraph();
      const quote = [line.replace(/^\s*>\s?/, '')];
      while (i + 1 < lines.length && /^\s*>/.test(lines[i + 1]!)) quote.push(lines[++i]!.replace(/^\s*>\s?/, ''));
      out.push({ type: 'quote', text: quote.join('\n') });
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      endParagraph();
      const ordered = NUMBERED.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items = [pattern.exec(line)![1]!];
      while (i + 1 < lines.length && pattern.test(lines[i + 1]!)) items.push(pattern.exec(lines[++i]!)![1]!);
      out.push({ type: 'list', ordered, items });
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return out;
}

type Cite = ((index: number) => ReactNode) | undefined;

function renderBlock(block: Block, key: number, cite: Cite): ReactNode {
  switch (block.type) {
    case 'code':
      return (
        <pre key={key} className="my-2 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
          <code>{block.text}</code>
        </pre>
      );
    case 'heading':
      return (
        <p key={key} className="mt-3 font-semibold first:mt-0">
          {inline(block.text, cite)}
        </p>
      );
    case 'quote':
      return (
        <blockquote key={key} className="my-2 border-l-4 border-slate-300 pl-3 text-slate-600">
          {lineBreaks(block.text, cite)}
        </blockquote>
      );
    case 'list': {
      const List = block.ordered ? 'ol' : 'ul';
      return (
        <List key={key} className={block.ordered ? 'my-2 list-decimal space-y-1 pl-5' : 'my-2 list-disc space-y-1 pl-5'}>
          {block.items.map((item, i) => (
            <li key={i}>{inline(item, cite)}</li>
          ))}
        </List>
      );
    }
    default:
      return (
        <p key={key} className="my-2 first:mt-0 last:mb-0">
          {lineBreaks(block.text, cite)}
        </p>
      );
  }
}

function lineBreaks(text: string, cite: Cite): ReactNode {
  return text.split('\n').map((line, i) => (
    <Fragment key={i}>
      {i > 0 && <br />}
      {inline(line, cite)}
    </Fragment>
  ));
}

/** Only these schemes become links; anything else (javascript:, data:, relative) stays text. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

const INLINE = /(`[^`\n]+`)|(!?\[[^\]\n]*\]\([^)\s]+\))|(\*\*[^*\n]+\*\*|__[^_\n]+__)|(\*[^*\n]+\*|_[^_\n]+_)|(\[\d{1,2}\])|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

function inline(text: string, cite: Cite): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) out.push(text.slice(last, at));
    const [whole, code, link, bold, italic, citation, url] = match;
    const key = `${at}`;
    if (code) out.push(<code key={key} className="rounded bg-slate-100 px-1 text-[0.9em]">{code.slice(1, -1)}</code>);
    else if (link) out.push(renderLink(link, key, cite));
    else if (bold) out.push(<strong key={key}>{inline(bold.slice(2, -2), cite)}</strong>);
    else if (italic) out.push(<em key={key}>{inline(italic.slice(1, -1), cite)}</em>);
    else if (citation) out.push(cite ? <Fragment key={key}>{cite(Number(citation.slice(1, -1)))}</Fragment> : citation);
    else if (url) out.push(anchor(url, url, key) ?? url);
    else out.push(whole);
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function renderLink(source: string, key: string, cite: Cite): ReactNode {
  const image = source.startsWith('!');
  const [, label = '', url = ''] = /^!?\[([^\]]*)\]\(([^)\s]+)\)$/.exec(source) ?? [];
  // Images are never loaded (they could track the reader): a link to them instead.
  const text = image ? `Image: ${label || url}` : label || url;
  return anchor(url, image ? text : inline(text, cite), key) ?? source;
}

function anchor(url: string, children: ReactNode, key: string): ReactNode | null {
  const href = safeHref(url);
  if (!href) return null;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow" className="font-medium text-indigo-700 underline">
      {children}
    </a>
  );
}
