import type { EvaluationResult } from './schema';

/** Lowercase, no accents, one space: "Two-year" and "two year" are the same fact. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type SideResult = EvaluationResult['draft'];

/** An answer passes when it states every fact and cites the required source (when one is set). */
export function scoreAnswer(
  expect: { facts: string[]; sourceId: string | null },
  answer: { content: string; citations: Array<{ sourceId: string }>; error: string | null },
): SideResult {
  const text = ` ${normalizeText(answer.content)} `;
  const missing = expect.facts.filter((fact) => !text.includes(` ${normalizeText(fact)} `));
  const cited = [...new Set(answer.citations.map((c) => c.sourceId))];
  const sourceOk = expect.sourceId === null || cited.includes(expect.sourceId);
  return {
    answer: answer.content,
    passed: !answer.error && missing.length === 0 && sourceOk,
    missing,
    cited,
    error: answer.error,
  };
}

/** Percent of questions passed, one decimal; null when there was nothing to pass. */
export function percent(passed: number, total: number): number | null {
  return total === 0 ? null : Math.round((passed / total) * 1000) / 10;
}
