import type { Block, ExtractedDocument } from './types';

import { DEFAULT_DOCUMENT_LIMITS, overLimit } from './limits';

/**
 * RFC 4180: quoted fields may hold the delimiter, "" and line breaks. Blank lines are
 * skipped. Past `maxRows` rows (the header counts as one) it stops with an over_limit error.
 */
export function parseCsv(text: string, delimiter: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    if (fieldStarted || field !== '' || row.length > 0) {
      row.push(field);
      if (!(row.length === 1 && row[0]!.trim() === '')) rows.push(row);
      if (rows.length > maxRows)
        throw overLimit('rows', null, maxRows - 1, 'Split the file into smaller ones and upload them separately.');
    }
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      fieldStarted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += char;
    }
  }
  endRow();
  return rows;
}

const DELIMITERS = [',', '\t', ';'];

/** The delimiter that splits the first rows into the same number (≥ 2) of fields. */
export function sniffDelimiter(sample: string): string | null {
  const head = sample.slice(0, 16 * 1024);
  let best: { delimiter: string; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    if (!head.includes(delimiter)) continue;
    const rows = parseCsv(head, delimiter).slice(0, 20);
    if (head.length === 16 * 1024) rows.pop();
    const width = rows[0]?.length ?? 0;
    if (rows.length < 2 || width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    if (consistent < 0.9) continue;
    const score = width * consistent;
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

/**
 * Each row becomes one self-describing record, "header: value; …", so a chunk holding a
 * row still says what each value means after the header row is far away.
 */
export function extractCsv(text: string, maxRows = DEFAULT_DOCUMENT_LIMITS.maxCsvRows): ExtractedDocument {
  const delimiter = sniffDelimiter(text) ?? ',';
  const [header = [], ...rows] = parseCsv(text, delimiter, maxRows + 1);
  const names = header.map((name, i) => name.trim() || `column ${i + 1}`);
  const blocks: Block[] = [];
  for (const row of rows) {
    const pairs = row
      .map((value, i) => [names[i] ?? `column ${i + 1}`, value.trim()] as const)
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `${name}: ${value}`);
    if (pairs.length > 0) blocks.push({ kind: 'paragraph', text: pairs.join('; ') });
  }
  return { blocks };
}
