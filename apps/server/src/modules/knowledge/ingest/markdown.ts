import { createSlugger } from './slug';
import { tableText } from './table-text';
import type { Block, ExtractedDocument } from './types';

/**
 * Markdown read line by line into blocks: enough of CommonMark/GFM for documentation
 * (ATX and setext headings, fences, lists, tables, quotes), not a renderer.
 */
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^\s{0,3}(=+|-+)[ \t]*$/;
const RULE = /^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST = /^(\s*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const REFERENCE = /^\s{0,3}\[[^\]]+\]:\s+\S+/;
const CUSTOM_ID = /\s*\{#([\w-]+)\}\s*$/;

/**
 * Inline Markdown to plain text: links keep their text, images their alt, markers go.
 * Code spans are set aside first, so `</body>` in backticks is kept, not taken for a tag.
 */
export function inlineText(text: string): string {
  const spans: string[] = [];
  const protectedText = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_whole, _ticks, code: string) => {
    spans.push(code.trim());
    return `\uE000${spans.length - 1}\uE001`;
  });
  return stripInline(protectedText).replace(/\uE000(\d+)\uE001/g, (_whole, i: string) => spans[Number(i)] ?? '');
}

function stripInline(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
    .trim();
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => inlineText(cell.trim()));

function frontMatter(lines: string[]): { end: number; title?: string } {
  if (lines[0]?.trim() !== '---') return { end: 0 };
  const close = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (close < 0 || close > 200) return { end: 0 };
  const titleLine = lines.slice(1, close).find((line) => /^title\s*:/.test(line));
  const title = titleLine
    ?.replace(/^title\s*:\s*/, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  return { end: close + 1, ...(title ? { title } : {}) };
}

export function extractMarkdown(source: string): ExtractedDocument {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const front = frontMatter(lines);
  const slug = createSlugger();
  const blocks: Block[] = [];
  let paragraph: string[] = [];

  const flush = () => {
    const text = inlineText(paragraph.join(' '));
    if (text) blocks.push({ kind: 'paragraph', text });
    paragraph = [];
  };
  const heading = (level: number, raw: string) => {
    const custom = CUSTOM_ID.exec(raw);
    const text = inlineText(raw.replace(CUSTOM_ID, ''));
    if (text) blocks.push({ kind: 'heading', level, text, anchor: `#${custom?.[1] ?? slug(text)}` });
  };

  for (let i = front.end; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      const body: string[] = [];
      for (i++; i < lines.length && !new RegExp(`^\\s{0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[i]!); i++)
        body.push(lines[i]!);
      if (body.some((l) => l.trim() !== '')) blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      heading(atx[1]!.length, atx[2] ?? '');
      continue;
    }
    if (paragraph.length > 0 && SETEXT.test(line)) {
      const raw = paragraph.join(' ');
      paragraph = [];
      heading(line.trim().startsWith('=') ? 1 : 2, raw);
      continue;
    }
    if (RULE.test(line) || REFERENCE.test(line)) {
      flush();
      continue;
    }
    if (line.includes('|') && TABLE_SEPARATOR.test(next) && next.includes('-')) {
      flush();
      const rows = [cells(line)];
      for (i += 2; i < lines.length && lines[i]!.includes('|') && lines[i]!.trim() !== ''; i++)
        rows.push(cells(lines[i]!));
      i--;
      blocks.push({ kind: 'table', text: tableText(rows, true) });
      continue;
    }
    if (LIST.test(line) && (paragraph.length === 0 || /^\s*([-*+]|1[.)])\s/.test(line))) {
      flush();
      i = readList(lines, i, blocks) - 1;
      continue;
    }
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quote) {
      if (quote[1]!.trim() === '') flush();
      else paragraph.push(quote[1]!);
      continue;
    }
    if (/^( {4}|\t)/.test(line) && paragraph.length === 0) {
      const body: string[] = [];
      for (; i < lines.length && (/^( {4}|\t)/.test(lines[i]!) || lines[i]!.trim() === ''); i++)
        body.push(lines[i]!.replace(/^( {4}|\t)/, ''));
      i--;
      blocks.push({ kind: 'code', text: body.join('\n').replace(/\n+$/, '') });
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  const title = front.title ?? blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return { ...(title ? { title } : {}), blocks };
}

/** A list and its continuation lines; returns the index of the first line after it. */
function readList(lines: string[], start: number, blocks: Block[]): number {
  const items: string[] = [];
  const baseIndent = LIST.exec(lines[start]!)![1]!.length;
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const item = LIST.exec(line);
    if (item && item[1]!.length >= baseIndent) {
      const depth = Math.min(4, Math.floor((item[1]!.length - baseIndent) / 2));
      const marker = /\d/.test(item[2]!) ? `${item[2]!.replace(')', '.')}` : '-';
      items.push(`${'  '.repeat(depth)}${marker} ${inlineText(item[3]!)}`);
    } else if (line.trim() === '') {
      const after = lines[i + 1] ?? '';
      if (!LIST.test(after) && !/^\s{2,}\S/.test(after)) break;
    } else if (/^\s+\S/.test(line) && items.length > 0) {
      items[items.length - 1] += ` ${inlineText(line.trim())}`;
    } else {
      break;
    }
  }
  blocks.push({ kind: 'list', text: items.join('\n') });
  return i;
}
