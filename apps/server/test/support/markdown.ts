import fs from 'node:fs';
import path from 'node:path';
import { repoPath } from '../../src/platform/paths';

/**
 * Just enough Markdown for the documentation tests: fenced code blocks, headings with the ids
 * GitHub gives them, and relative links. Plain Markdown is all the docs use (they must render on
 * any forge), so no parser library is needed to read them.
 */

/** The documentation the tests hold to their rules, relative to the repository root. */
export function documentationFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(repoPath(dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return walk(rel);
      return entry.name.endsWith('.md') ? [rel] : [];
    });
  const roots = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md'].filter((file) => fs.existsSync(repoPath(file)));
  const bench = fs
    .readdirSync(repoPath('bench'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `bench/${name}`);
  return [...roots, ...walk('docs'), ...bench];
}

export interface CodeBlock {
  /** The info string's first word (`bash`, `ts`, ``), lower case. */
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

interface Scan {
  blocks: CodeBlock[];
  /** The lines outside fenced code, with their 1-based numbers. */
  prose: Array<{ text: string; line: number }>;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)/;

/** Splits a Markdown text into fenced code blocks and the prose around them. */
export function scanMarkdown(text: string): Scan {
  const blocks: CodeBlock[] = [];
  const prose: Scan['prose'] = [];
  let open: { fence: string; indent: number; lang: string; line: number; body: string[] } | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (open) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(raw);
      if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
        blocks.push({ lang: open.lang, code: open.body.join('\n'), line: open.line });
        open = null;
      } else {
        open.body.push(raw.slice(Math.min(open.indent, raw.length - raw.trimStart().length)));
      }
      continue;
    }
    const fence = FENCE.exec(raw);
    if (fence)
      open = { fence: fence[2]!, indent: fence[1]!.length, lang: fence[3]!.toLowerCase(), line: i + 1, body: [] };
    else prose.push({ text: raw, line: i + 1 });
  }
  if (open) throw new Error(`unclosed code fence opened on line ${open.line}`);
  return { blocks, prose };
}

/** Inline code spans replaced by spaces (their text is never a link). */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}

/**
 * The id GitHub gives a heading (github-slugger): the rendered text in lower case, without
 * punctuation and symbols other than `-` and `_`, spaces turned into hyphens.
 */
export function githubSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
    .replace(/<[^>`]+>/g, '') // inline HTML tags
    .replace(/`/g, '')
    .replace(/\*+/g, '');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a file offers: its headings' ids (repeats numbered as GitHub does) and explicit `<a id>`s. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text: line } of scanMarkdown(text).prose) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const base = githubSlug(heading[1]!);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count ? `${base}-${count}` : base);
    }
    for (const explicit of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(explicit[1]!);
  }
  return anchors;
}

export interface Link {
  target: string;
  line: number;
}

const INLINE_LINK =
  /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;

/** The targets of the inline links, images and link definitions outside code. */
export function linksOf(text: string): Link[] {
  const links: Link[] = [];
  for (const { text: raw, line } of scanMarkdown(text).prose) {
    const prose = withoutCodeSpans(raw);
    const reference = REFERENCE.exec(prose);
    if (reference) links.push({ target: reference[1]!.replace(/^<|>$/g, ''), line });
    for (const match of prose.matchAll(INLINE_LINK)) links.push({ target: match[1]!.replace(/^<|>$/g, ''), line });
  }
  return links;
}

/**
 * What is wrong with each relative link of `file` (a path from the repository root): a
 * missing file or folder, or an anchor no heading of the target has. `read` lets tests check
 * texts that are not on disk.
 */
export function brokenLinks(file: string, text: string, read: (rel: string) => string | null = readRepoFile): string[] {
  const problems: string[] = [];
  for (const { target, line } of linksOf(text)) {
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
    const where = `${file}:${line} → ${target}`;
    const rel = rawPath
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)))
      : file;
    if (rel.startsWith('..')) {
      problems.push(`${where}: points outside the repository`);
      continue;
    }
    const body = rawPath ? read(rel) : text;
    if (body === null) {
      problems.push(`${where}: no such file`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (!rel.endsWith('.md')) {
      if (!/^L\d+(-L\d+)?$/.test(anchor)) problems.push(`${where}: only Markdown files have heading anchors`);
      continue;
    }
    if (!anchorsOf(body).has(decodeURIComponent(anchor)))
      problems.push(`${where}: no heading with this anchor in ${rel}`);
  }
  return problems;
}

/** A file's text, '' for a folder, null when neither exists. */
function readRepoFile(rel: string): string | null {
  const full = repoPath(rel);
  if (!fs.existsSync(full)) return null;
  return fs.statSync(full).isDirectory() ? '' : fs.readFileSync(full, 'utf8');
}
