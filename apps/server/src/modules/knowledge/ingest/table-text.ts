/**
 * Tables are kept as text tables, one `| a | b |` line per row, with a `| --- |` line
 * after a header row: readable by a model, and the chunker can cut between rows and repeat
 * the header in each piece.
 */
export function tableText(rows: string[][], hasHeader: boolean): string {
  const width = Math.max(0, ...rows.map((row) => row.length));
  const lines = rows
    .filter((row) => row.some((cell) => cell !== ''))
    .map(
      (row) =>
        `| ${[...row, ...new Array<string>(width - row.length).fill('')].map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`,
    );
  if (hasHeader && lines.length > 0) lines.splice(1, 0, `| ${new Array<string>(width).fill('---').join(' | ')} |`);
  return lines.join('\n');
}

const SEPARATOR = /^\|(?:\s*:?-{3,}:?\s*\|)+$/;

/** The header lines of a text table (header row and separator), or none. */
export function tableHeader(lines: readonly string[]): string[] {
  return lines.length > 1 && SEPARATOR.test(lines[1]!.trim()) ? [lines[0]!, lines[1]!] : [];
}
