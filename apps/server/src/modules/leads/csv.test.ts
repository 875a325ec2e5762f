import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv';
import { CSV_BOM, csvCell, csvRow } from './csv';

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.test","Click")')).toBe(`"'=HYPERLINK(""http://evil.test"",""Click"")"`);
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves ordinary text alone and quotes only when it must', () => {
    expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvCell('said "hi"')).toBe('"said ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('yes');
    expect(csvCell(new Date('2024-03-01T10:00:00.000Z'))).toBe('2024-03-01T10:00:00.000Z');
  });

  it('reads back as the values written (apart from the formula guard)', () => {
    const values = ['Acme, Inc.', 'said "hi"\nthen left', '=1+1', '', 'plain'];
    const text = CSV_BOM + csvRow(['a', 'b', 'c', 'd', 'e']) + csvRow(values);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ['Acme, Inc.', 'said "hi"\nthen left', "'=1+1", '', 'plain'],
    ]);
  });
});
