import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from './line-diff';

const kinds = (lines: ReturnType<typeof diffLines>) =>
  lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`);

describe('diffLines', () => {
  it('marks a changed line in the middle as removed then added, keeping the rest', () => {
    expect(kinds(diffLines(['a', 'b', 'c'], ['a', 'B', 'c']))).toEqual([' a', '-b', '+B', ' c']);
  });

  it('finds insertions and deletions around unchanged lines', () => {
    expect(kinds(diffLines(['one', 'two', 'three', 'four'], ['zero', 'one', 'three', 'four', 'five']))).toEqual([
      '+zero',
      ' one',
      '-two',
      ' three',
      ' four',
      '+five',
    ]);
  });

  it('keeps the longest common run when lines move', () => {
    const out = diffLines(['x', 'a', 'b', 'c'], ['a', 'b', 'c', 'x']);
    expect(out.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['a', 'b', 'c']);
    expect(kinds(out)).toEqual(['-x', ' a', ' b', ' c', '+x']);
  });

  it('handles empty sides', () => {
    expect(kinds(diffLines([], ['new']))).toEqual(['+new']);
    expect(kinds(diffLines(['old'], []))).toEqual(['-old']);
    expect(diffLines([], [])).toEqual([]);
  });

  it('splits text on LF and CRLF, and empty text into no lines', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
    expect(splitLines('')).toEqual([]);
  });
});
