import { describe, expect, it } from 'vitest';
import { chunk, chunkEmbeddingText } from './chunk';
import { contentHash, estimateTokens } from './tokens';
import type { Block, ExtractedDocument } from './types';

const sentence = (n: number) => `Sentence number ${n} talks about the refund policy of the shop.`;
const prose = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');
const doc = (...blocks: Block[]): ExtractedDocument => ({ blocks });
const heading = (text: string, level: number, anchor?: string): Block => ({
  kind: 'heading',
  text,
  level,
  ...(anchor ? { anchor } : {}),
});

describe('chunk', () => {
  it('packs text up to the target and never past it', () => {
    const document = doc(
      heading('Policy', 1),
      ...Array.from({ length: 12 }, (_, i) => ({ kind: 'paragraph' as const, text: prose(i * 5, 5) })),
    );
    const chunks = chunk(document, { targetTokens: 120, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) {
      expect(c.tokens).toBe(estimateTokens(c.text));
      expect(c.tokens).toBeLessThanOrEqual(120);
    }
    // All but the last are reasonably full.
    for (const c of chunks.slice(0, -1)) expect(c.tokens).toBeGreaterThan(60);
    // Nothing lost: every sentence is in some chunk.
    for (let n = 0; n < 60; n++) expect(chunks.some((c) => c.text.includes(sentence(n)))).toBe(true);
  });

  it('starts each chunk with the end of the previous one, within the overlap budget', () => {
    const chunks = chunk(doc({ kind: 'paragraph', text: prose(0, 40) }), { targetTokens: 100, overlapTokens: 30 });
    expect(chunks.length).toBeGreaterThan(3);
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1]!.text;
      const current = chunks[i]!.text;
      // The longest prefix of this chunk that ends the previous one.
      let shared = '';
      for (let len = 1; len <= Math.min(previous.length, current.length); len++) {
        if (previous.endsWith(current.slice(0, len))) shared = current.slice(0, len);
      }
      expect(shared.split(' ').length).toBeGreaterThan(5);
      expect(estimateTokens(shared)).toBeLessThanOrEqual(30);
    }
  });

  it('splits at headings first, without overlap across them, and tags heading paths and anchors', () => {
    const document = doc(
      heading('Guide', 1, '#guide'),
      { kind: 'paragraph', text: 'Intro text.' },
      heading('Install', 2, '#install'),
      { kind: 'paragraph', text: 'Install text.' },
      heading('Linux', 3),
      { kind: 'paragraph', text: 'Linux text.' },
      heading('Billing', 2, '#billing'),
      { kind: 'paragraph', text: 'Billing text.' },
    );
    const chunks = chunk(document, { targetTokens: 350, overlapTokens: 50 });
    expect(chunks.map((c) => [c.text, c.headingPath, c.anchor, c.index])).toEqual([
      ['Intro text.', ['Guide'], '#guide', 0],
      ['Install text.', ['Guide', 'Install'], '#install', 1],
      // A heading without an anchor cites its nearest anchored ancestor.
      ['Linux text.', ['Guide', 'Install', 'Linux'], '#install', 2],
      ['Billing text.', ['Guide', 'Billing'], '#billing', 3],
    ]);
    expect(chunkEmbeddingText(chunks[2]!)).toBe('Guide > Install > Linux\n\nLinux text.');
  });

  it('cuts a table between rows and repeats its header in every piece', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `| Plan ${i} | ${i * 10} EUR | ${i} seats |`);
    const table = ['| Plan | Price | Seats |', '| --- | --- | --- |', ...rows].join('\n');
    const chunks = chunk(doc({ kind: 'table', text: table }), { targetTokens: 80, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const c of chunks) {
      const lines = c.text.split('\n');
      expect(lines.slice(0, 2)).toEqual(['| Plan | Price | Seats |', '| --- | --- | --- |']);
      for (const line of lines.slice(2)) expect(rows).toContain(line);
      seen.push(...lines.slice(2));
      expect(c.tokens).toBeLessThanOrEqual(80);
    }
    expect(seen).toEqual(rows);
  });

  it('moves a code block that fits to the next chunk rather than cutting it', () => {
    const code = [
      'function refund(order) {',
      '  const days = daysSince(order.date);',
      '  return days <= 14;',
      '}',
    ].join('\n');
    const document = doc({ kind: 'paragraph', text: prose(0, 3) }, { kind: 'code', text: code });
    const target = estimateTokens(prose(0, 3)) + 10;
    const chunks = chunk(document, { targetTokens: target, overlapTokens: 0 });
    expect(chunks.map((c) => c.text)).toEqual([prose(0, 3), code]);
  });

  it('cuts a code block larger than a chunk only between lines', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `const value${i} = compute(${i}, "some argument");`);
    const chunks = chunk(doc({ kind: 'code', text: lines.join('\n') }), { targetTokens: 60, overlapTokens: 10 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) for (const line of c.text.split('\n')) expect(lines).toContain(line);
  });

  it('starts a new chunk on a new page, so the page number is exact', () => {
    const document = doc(
      { kind: 'paragraph', text: 'First page text.', page: 1 },
      { kind: 'paragraph', text: 'More first page text.', page: 1 },
      { kind: 'paragraph', text: 'Second page text.', page: 2 },
    );
    const chunks = chunk(document, { targetTokens: 350, overlapTokens: 0 });
    expect(chunks.map((c) => [c.text, c.page])).toEqual([
      ['First page text.\n\nMore first page text.', 1],
      ['Second page text.', 2],
    ]);
  });

  it('uses the given tokenizer', () => {
    const countTokens = (text: string) => text.length;
    const chunks = chunk(doc({ kind: 'paragraph', text: prose(0, 20) }), {
      targetTokens: 200,
      overlapTokens: 40,
      countTokens,
    });
    for (const c of chunks) {
      expect(c.tokens).toBe(c.text.length);
      expect(c.text.length).toBeLessThanOrEqual(200);
    }
  });

  it('is deterministic', () => {
    const document = doc(
      heading('A', 1),
      { kind: 'paragraph', text: prose(0, 30) },
      { kind: 'list', text: '- one\n- two' },
    );
    expect(chunk(document, { targetTokens: 90 })).toEqual(chunk(structuredClone(document), { targetTokens: 90 }));
  });
});

describe('contentHash', () => {
  it('is the sha256 of the text, equal for equal text', () => {
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash('same chunk')).toBe(contentHash('same chunk'));
    expect(contentHash('same chunk')).not.toBe(contentHash('same chunk.'));
  });
});
