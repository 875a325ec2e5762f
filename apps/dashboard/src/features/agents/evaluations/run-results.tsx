import { Badge } from '../../../components/badge';
import { Table, TBody, Td, Th } from '../../../components/table';
import type { EvaluationRun } from './evaluations-api';

type Side = EvaluationRun['results'][number]['draft'];

function Verdict({ side }: { side: Side | null }) {
  if (!side) return <span className="text-slate-400">—</span>;
  return (
    <div title={side.answer}>
      <Badge tone={side.passed ? 'green' : 'red'}>{side.passed ? 'Pass' : 'Fail'}</Badge>
      {side.missing.length > 0 && <p className="mt-1 text-xs text-slate-500">Missing: {side.missing.join(', ')}</p>}
      {side.error && <p className="mt-1 text-xs text-red-700">{side.error}</p>}
    </div>
  );
}

/** A run: its progress while it goes, then pass/fail per question for the draft and the live version, and the totals. */
export function RunResults({ run }: { run: EvaluationRun }) {
  const going = run.status === 'queued' || run.status === 'running';
  return (
    <section aria-label="Evaluation results" className="space-y-3">
      {going ? (
        <p role="status" className="text-sm text-slate-600">
          Running: {run.completed} of {run.total} questions answered…
        </p>
      ) : run.status === 'failed' ? (
        <p role="alert" className="text-sm text-red-700">
          {run.error ?? 'The run failed.'}
        </p>
      ) : (
        <p className="text-sm font-medium text-slate-800" data-testid="evaluation-totals">
          Draft: {run.draftPassed} of {run.total} passed ({run.draftScore} %) · Live
          {run.liveVersion ? ` (version ${run.liveVersion})` : ''}:{' '}
          {run.livePassed === null ? 'not published' : `${run.livePassed} of ${run.total} passed (${run.liveScore} %)`}
        </p>
      )}
      {run.results.length > 0 && (
        <Table label="Results per question">
          <thead>
            <tr>
              <Th>Question</Th>
              <Th>Draft</Th>
              <Th>Live</Th>
            </tr>
          </thead>
          <TBody>
            {run.results.map((result) => (
              <tr key={result.caseId}>
                <Td>{result.question}</Td>
                <Td>
                  <Verdict side={result.draft} />
                </Td>
                <Td>
                  <Verdict side={result.live} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
