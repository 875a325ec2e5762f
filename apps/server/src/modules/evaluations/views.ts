import type { EvaluationCaseRow, EvaluationRunRow } from './schema';
import { percent } from './scoring';

export function caseView(row: EvaluationCaseRow) {
  return {
    id: row.id,
    agentId: row.agentId,
    question: row.question,
    facts: row.facts,
    sourceId: row.sourceId,
    createdAt: row.createdAt,
  };
}

export function runView(row: EvaluationRunRow) {
  const done = row.status === 'done';
  return {
    id: row.id,
    agentId: row.agentId,
    status: row.status,
    liveVersion: row.liveVersion,
    total: row.total,
    completed: row.completed,
    draftPassed: row.draftPassed,
    livePassed: row.livePassed,
    draftScore: done ? percent(row.draftPassed, row.total) : null,
    liveScore: done && row.livePassed !== null ? percent(row.livePassed, row.total) : null,
    results: row.results,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
