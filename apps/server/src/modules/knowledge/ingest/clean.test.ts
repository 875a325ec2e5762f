import { describe, expect, it } from 'vitest';
import { clean, cleanText } from './clean';
import type { Block } from './types';

describe('cleanText', () => {
  it('strips control and invisible characters and normalises spaces', () => {
    const dirty = 'Re\u00ADfunds\u200B are\u00A0\u00A0issued\tin\u0007 14\u0000 days.\r\n\r\n\r\nSecond  line ';
    expect(cleanText(dirty)).toBe('Refunds are issued in 14 days.\nSecond line');
  });

  it('composes decomposed accents (NFC) so equal words compare equal', () => {
    expect(cleanText('cafe\u0301')).toBe('caf\u00e9');
  });
});

describe('clean', () => {
  it('keeps code indentation and list nesting', () => {
    const { blocks } = clean({
      blocks: [
        { kind: 'code', text: '\n\nif (x) {\n    run();\t \n}\n' },
        { kind: 'list', text: '- a\n  - nested\u00A0item\n\n- b' },
      ],
    });
    expect(blocks).toEqual([
      { kind: 'code', text: 'if (x) {\n    run();\n}' },
      { kind: 'list', text: '- a\n  - nested item\n- b' },
    ]);
  });

  it('drops PDF running headers, footers and page numbers, but not headings or content', () => {
    const pages: Block[] = [1, 2, 3, 4].flatMap((page) => [
      { kind: 'paragraph' as const, text: 'Acme Manual — Confidential', page },
      { kind: 'heading' as const, level: 1, text: 'Chapter', page },
      { kind: 'paragraph' as const, text: `Body about topic ${'ABCD'[page - 1]}.`, page },
      { kind: 'paragraph' as const, text: `Page ${page} of 4`, page },
    ]);
    const { blocks } = clean({ blocks: pages });
    expect(blocks.map((b) => b.text)).toEqual(
      ['A', 'B', 'C', 'D'].flatMap((t) => ['Chapter', `Body about topic ${t}.`]),
    );
  });

  it('drops empty blocks, skip links and a block repeating the previous one', () => {
    const { blocks, title } = clean({
      title: '  Help\u200B centre ',
      blocks: [
        { kind: 'paragraph', text: 'Skip to main content' },
        { kind: 'paragraph', text: ' \u200B ' },
        { kind: 'paragraph', text: 'Same text.' },
        { kind: 'paragraph', text: 'Same  text.' },
        { kind: 'paragraph', text: 'Other text.' },
      ],
    });
    expect(title).toBe('Help centre');
    expect(blocks.map((b) => b.text)).toEqual(['Same text.', 'Other text.']);
  });
});
