import { estimateTokens } from './tokens';
import type { Chunk, ExtractedDocument } from './types';
import { unitsOf, type Unit } from './units';

export interface ChunkOptions {
  /** Tokens of text per chunk, heading path not counted. Default 350. */
  targetTokens?: number;
  /** Tokens repeated from the end of one chunk at the start of the next, within a section. Default 50. */
  overlapTokens?: number;
  /** A real tokenizer; defaults to a deterministic estimate. */
  countTokens?: (text: string) => number;
}

interface Section {
  headingPath: string[];
  anchor: string | undefined;
  units: Unit[];
}

/** Headings split the document first: a chunk never spans two sections. */
function sections(document: ExtractedDocument, target: number, count: (text: string) => number): Section[] {
  const out: Section[] = [];
  const path: Array<{ level: number; text: string; anchor: string | undefined }> = [];
  let current: Section = { headingPath: [], anchor: undefined, units: [] };
  document.blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      out.push(current);
      const level = block.level ?? 1;
      while (path.length > 0 && path[path.length - 1]!.level >= level) path.pop();
      path.push({ level, text: block.text, anchor: block.anchor });
      const anchor = [...path].reverse().find((h) => h.anchor !== undefined)?.anchor;
      current = { headingPath: path.map((h) => h.text), anchor, units: [] };
    } else {
      // One at a time: spreading a block's units into push() overflows the stack past some 100,000.
      for (const unit of unitsOf(block, index, target, count)) current.units.push(unit);
    }
  });
  out.push(current);
  return out.filter((section) => section.units.length > 0);
}

/** The text of a run of units: blank lines between blocks, a table's header before its rows. */
function render(units: readonly Unit[]): string {
  let text = '';
  units.forEach((unit, i) => {
    const previous = units[i - 1];
    const sameBlock = previous !== undefined && previous.block === unit.block;
    if (previous) text += sameBlock ? unit.joiner : '\n\n';
    if (!sameBlock && unit.header) text += `${unit.header.join('\n')}\n`;
    text += unit.text;
  });
  return text;
}

/** Cost of adding a unit: a table row starting a run in a chunk brings its header along. */
function costOf(unit: Unit, previous: Unit | undefined, count: (text: string) => number): number {
  const startsRun = !previous || previous.block !== unit.block;
  return unit.tokens + (startsRun && unit.header ? count(unit.header.join('\n')) : 0);
}

/** The end of a chunk carried into the next: whole units, or the last words of prose. */
function overlapOf(units: readonly Unit[], budget: number, count: (text: string) => number): Unit[] {
  if (budget <= 0) return [];
  const kept: Unit[] = [];
  let tokens = 0;
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!;
    if (tokens + unit.tokens <= budget) {
      kept.unshift(unit);
      tokens += unit.tokens;
      continue;
    }
    if (kept.length === 0 && unit.divisible) {
      const words = unit.text.split(/\s+/).filter(Boolean);
      let tail = '';
      for (let w = words.length - 1; w >= 0; w--) {
        const candidate = words.slice(w).join(' ');
        if (count(candidate) > budget) break;
        tail = candidate;
      }
      if (tail) kept.unshift({ ...unit, text: tail, tokens: count(tail) });
    }
    break;
  }
  return kept;
}

/**
 * Structure-aware chunks: sections at headings, then units (paragraphs, sentences, list
 * items, table rows, code) packed up to `targetTokens`, each chunk after the first in a
 * section starting with about `overlapTokens` of the previous one. A chunk's new text
 * comes from one page (PDF), so its page is exact; it carries its heading path and the
 * anchor of its nearest heading.
 * Deterministic: the same document and options give the same chunks.
 */
export function chunk(document: ExtractedDocument, options: ChunkOptions = {}): Chunk[] {
  const target = Math.max(1, options.targetTokens ?? 350);
  const overlap = Math.min(Math.max(0, options.overlapTokens ?? 50), Math.floor(target / 2));
  const count = options.countTokens ?? estimateTokens;
  const chunks: Chunk[] = [];

  for (const section of sections(document, target, count)) {
    let units: Unit[] = [];
    let carried = 0;
    let tokens = 0;
    const emit = () => {
      const fresh = units.slice(carried);
      if (fresh.length === 0) return;
      const text = render(units);
      const page = fresh[0]!.page;
      chunks.push({
        text,
        tokens: count(text),
        headingPath: section.headingPath,
        ...(page === undefined ? {} : { page }),
        ...(section.anchor === undefined ? {} : { anchor: section.anchor }),
        index: chunks.length,
      });
    };
    for (const unit of section.units) {
      // A new page starts a new chunk, so that a chunk's page is where all its new text is.
      const pageTurn = unit.page !== undefined && units.length > carried && units[units.length - 1]!.page !== unit.page;
      if (units.length > carried && (pageTurn || tokens + costOf(unit, units[units.length - 1], count) > target)) {
        emit();
        units = overlapOf(units, overlap, count);
        // The carried text must leave room for the unit that did not fit.
        while (
          units.length > 0 &&
          units.reduce((sum, u, i) => sum + costOf(u, units[i - 1], count), 0) +
            costOf(unit, units[units.length - 1], count) >
            target
        ) {
          units.shift();
        }
        carried = units.length;
        tokens = units.reduce((sum, u, i) => sum + costOf(u, units[i - 1], count), 0);
      }
      tokens += costOf(unit, units[units.length - 1], count);
      units.push(unit);
    }
    emit();
  }
  return chunks;
}

/** What to embed and index: the heading path as context, then the chunk's text. */
export function chunkEmbeddingText(chunk: Pick<Chunk, 'text' | 'headingPath'>): string {
  return chunk.headingPath.length > 0 ? `${chunk.headingPath.join(' > ')}\n\n${chunk.text}` : chunk.text;
}
