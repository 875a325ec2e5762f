import { Button } from '../../components/button';
import { Table, TBody, Td, Th } from '../../components/table';
import type { AnalyticsQuestions } from './analytics-api';
import { downloadCsv, formatNumber, toCsv } from './analytics-format';

type Row = AnalyticsQuestions['top'][number];

/** A table of grouped questions with its CSV download. */
export function QuestionTable({
  title,
  rows,
  file,
  empty,
}: {
  title: string;
  rows: Row[];
  file: string;
  empty: string;
}) {
  const id = `${file}-heading`;
  return (
    <section aria-labelledby={id}>
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        <Button
          variant="secondary"
          size="sm"
          disabled={rows.length === 0}
          onClick={() =>
            downloadCsv(
              `${file}.csv`,
              toCsv(
                ['Question', 'Count'],
                rows.map((r) => [r.question, r.count]),
              ),
            )
          }
        >
          Download CSV
        </Button>
      </div>
      <Table label={title}>
        <thead>
          <tr>
            <Th>Question</Th>
            <Th className="text-right">Conversations</Th>
          </tr>
        </thead>
        <TBody>
          {rows.length === 0 ? (
            <tr>
              <Td colSpan={2} className="text-slate-500">
                {empty}
              </Td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.key}>
                <Td className="text-slate-900">{r.question}</Td>
                <Td className="text-right tabular-nums">{formatNumber(r.count)}</Td>
              </tr>
            ))
          )}
        </TBody>
      </Table>
    </section>
  );
}
