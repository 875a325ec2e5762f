import { tableHeader } from './table-text';
import type { Block } from './types';

/**
 * The pieces a chunk is packed from, each small enough to fit one chunk: a paragraph or its
 * sentences, a list item, a table row, a code block or a run of its lines. A chunk boundary
 * falls only between units, so it never cuts a table row, and a code block only when the
 * block alone is larger than a chunk.
 */
export interface Unit {
  text: string;
  tokens: number;
  /** Which block it came from: units of one block are joined with `joiner`, blocks with a blank line. */
  block: number;
  joiner: string;
  page: number | undefined;
  /** Table header lines to repeat before this block's rows when a chunk starts mid-table. */
  header: string[] | undefined;
  /** May be cut into words for overlap (prose), or not (rows, code). */
  divisible: boolean;
}

type Counter = (text: string) => number;

/** Splits text at word boundaries into pieces of at most `max` tokens. */
export function splitWords(text: string, max: number, count: Counter): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current.length > 0 && count([...current, word].join(' ')) > max) {
      pieces.push(current.join(' '));
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) pieces.push(current.join(' '));
  return pieces;
}

const SENTENCE_END = /(?<=[.!?。！？…]["'”’)\]]*)\s+(?=\S)/u;

/** Pieces at most `max` tokens: whole if it fits, else by lines, then sentences, then words. */
function proseUnits(text: string, max: number, count: Counter): Array<{ text: string; joiner: string }> {
  if (count(text) <= max) return [{ text, joiner: ' ' }];
  if (text.includes('\n')) {
    return text.split('\n').flatMap((line) => proseUnits(line, max, count).map((u) => ({ ...u, joiner: '\n' })));
  }
  return text
    .split(SENTENCE_END)
    .flatMap((sentence) =>
      count(sentence) <= max
        ? [{ text: sentence, joiner: ' ' }]
        : splitWords(sentence, max, count).map((piece) => ({ text: piece, joiner: ' ' })),
    );
}

/** Code in runs of whole lines, packed up to `max`, keeping blank-line-separated parts whole when they fit. */
function codeUnits(text: string, max: number, count: Counter): string[] {
  if (count(text) <= max) return [text];
  const pieces: Array<{ text: string; separator: string }> = [];
  for (const part of text.split(/\n[ \t]*\n/)) {
    const lines =
      count(part) <= max
        ? [part]
        : part.split('\n').flatMap((line) => (count(line) <= max ? [line] : splitWords(line, max, count)));
    lines.forEach((line, i) => pieces.push({ text: line, separator: i === 0 ? '\n\n' : '\n' }));
  }
  const units: string[] = [];
  let run = '';
  for (const piece of pieces) {
    const joined = run === '' ? piece.text : `${run}${piece.separator}${piece.text}`;
    if (run !== '' && count(joined) > max) {
      units.push(run);
      run = piece.text;
    } else {
      run = joined;
    }
  }
  if (run.trim() !== '') units.push(run);
  return units;
}

export function unitsOf(block: Block, index: number, max: number, count: Counter): Unit[] {
  const base = { block: index, page: block.page, header: undefined as string[] | undefined };
  const make = (text: string, joiner: string, divisible: boolean): Unit => ({
    ...base,
    text,
    tokens: count(text),
    joiner,
    divisible,
  });
  switch (block.kind) {
    case 'paragraph':
      return proseUnits(block.text, max, count).map((u) => make(u.text, u.joiner, true));
    case 'list':
      return block.text
        .split('\n')
        .flatMap((item) => (count(item) <= max ? [item] : splitWords(item, max, count)))
        .map((item) => make(item, '\n', false));
    case 'table': {
      const lines = block.text.split('\n');
      const header = tableHeader(lines);
      const rows = lines.slice(header.length);
      // A row longer than a chunk is cut, as a last resort, at words.
      return rows
        .flatMap((row) => (count(row) <= max ? [row] : splitWords(row, max, count)))
        .map((row) => ({ ...make(row, '\n', false), header: header.length > 0 ? header : undefined }));
    }
    case 'code':
      return codeUnits(block.text, max, count).map((text) => make(text, '\n', false));
    case 'heading':
      return [];
  }
}
