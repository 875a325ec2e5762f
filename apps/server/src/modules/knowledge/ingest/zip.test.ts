import { describe, expect, it } from 'vitest';
import { makeDocx, makeZipBomb } from '../../../../test/support/fixtures/docx';
import { writeZip } from '../../../../test/support/fixtures/zip';
import { detectType } from './detect-type';
import { IngestError } from './errors';
import { extract } from './extract';
import { assertSafeZip, readZipDirectory } from './zip';

async function refusal(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe('DOCX decompression limits', () => {
  it('reads the central directory of a real DOCX', () => {
    const entries = readZipDirectory(makeDocx([{ paragraph: 'Hello' }]));
    expect(entries.map((e) => e.name)).toContain('word/document.xml');
    expect(entries.every((e) => e.method === 8)).toBe(true);
  });

  it('refuses a zip bomb by its declared size before inflating it', async () => {
    const bomb = makeZipBomb();
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(detectType(bomb, { filename: 'bomb.docx' })).toBe('docx');
    const error = await refusal(extract(bomb, 'docx'));
    expect(error.reason).toBe('archive_refused');
    expect(error.message).toMatch(/expands \d+ times \(more than 100:1\), like a zip bomb/);
  });

  it('refuses an archive over the total size limit even at a modest ratio', () => {
    const big = writeZip([{ name: 'word/document.xml', data: Buffer.alloc(3 * 1024 * 1024, 'a'), store: true }]);
    expect(() => assertSafeZip(big, { maxTotalBytes: 2 * 1024 * 1024, maxRatio: 100, maxEntries: 10 })).toThrow(
      /expands to 3145728 bytes, more than the 2097152-byte limit/,
    );
  });

  it('refuses an entry that inflates past the size it declares', async () => {
    const liar = makeZipBomb({ uncompressedBytes: 5 * 1024 * 1024, lie: true });
    const error = await refusal(extract(liar, 'docx'));
    expect(error.message).toBe('The archive entry word/document.xml inflates past its declared size; it is refused.');
  });

  it('refuses too many entries', () => {
    const many = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.xml`, data: 'x' })));
    expect(() => assertSafeZip(many, { maxTotalBytes: 1e9, maxRatio: 100, maxEntries: 20 })).toThrow(
      'The archive has 30 files; at most 20 are accepted.',
    );
  });

  it('accepts an ordinary DOCX', () => {
    expect(assertSafeZip(makeDocx([{ heading: 'A' }, { paragraph: 'b' }])).length).toBeGreaterThan(3);
  });
});
