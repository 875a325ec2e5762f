/**
 * CSV as spreadsheets read it (RFC 4180: CRLF rows, quoted cells when needed), safe to open:
 * a cell starting with = + - @ tab or CR would run as a formula in Excel, LibreOffice or
 * Sheets, so it is prefixed with ' (OWASP's advice), which shows the text as written.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Excel reads UTF-8 only after a byte-order mark; other readers skip it. */
export const CSV_BOM = '\uFEFF';
