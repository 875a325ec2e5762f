import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Loading } from '../../components/spinner';
import {
  useAnalyticsHandoffs,
  useAnalyticsQuestions,
  useAnalyticsTimeseries,
  type AnalyticsFilters,
  type AnalyticsMetrics,
} from './analytics-api';
import { downloadCsv, toCsv } from './analytics-format';
import { BarChart, LineChart } from './charts';
import { QuestionTable } from './question-tables';

const CAUSES: Record<string, string> = {
  visitor: 'Visitor asked',
  tool: 'Model’s tool',
  keyword: 'Keyword',
  unanswered: 'Unanswered',
  sentiment: 'Sentiment',
  vip: 'VIP',
  api: 'API',
  team: 'Team',
  other: 'Other',
};

/** Charts and tables under the numbers: over time, hand-offs by cause, CSAT, questions. */
export function Breakdowns({
  filters,
  days,
  csat,
}: {
  filters: AnalyticsFilters;
  days: number;
  csat: AnalyticsMetrics['csat'];
}) {
  const interval = days <= 62 ? 'day' : days <= 200 ? 'week' : 'month';
  const series = useAnalyticsTimeseries(filters, interval);
  const handoffs = useAnalyticsHandoffs(filters);
  const questions = useAnalyticsQuestions(filters);
  const points = series.data?.points ?? [];
  return (
    <>
      <section aria-labelledby="time-heading">
        <div className="mb-3 flex items-center justify-between gap-3">
          <h2 id="time-heading" className="text-lg font-semibold">
            Over time
          </h2>
          <Button
            variant="secondary"
            size="sm"
            disabled={!series.data}
            onClick={() =>
              downloadCsv(
                'analytics-timeseries.csv',
                toCsv(
                  ['Start', 'Conversations', 'Messages', 'Resolved by the bot', 'Handed off', 'Leads', 'Cost (USD)'],
                  points.map((p) => [
                    p.start,
                    p.conversations,
                    p.messages,
                    p.botResolved,
                    p.handedOff,
                    p.leads,
                    p.costUsd,
                  ]),
                ),
              )
            }
          >
            Download CSV
          </Button>
        </div>
        {series.isPending ? (
          <Loading label="Loading the time series…" />
        ) : series.isError ? (
          <ErrorAlert error={series.error} />
        ) : (
          <LineChart
            title={`Conversations and messages per ${interval}`}
            labels={points.map((p) => p.start)}
            series={[
              { key: 'conversations', name: 'Conversations', className: 'stroke-indigo-600 fill-indigo-600' },
              { key: 'messages', name: 'Messages', className: 'stroke-emerald-600 fill-emerald-600' },
            ]}
            values={[points.map((p) => p.conversations), points.map((p) => p.messages)]}
          />
        )}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="handoffs-heading">
          <div className="mb-3 flex items-center justify-between gap-3">
            <h2 id="handoffs-heading" className="text-lg font-semibold">
              Hand-offs by cause
            </h2>
            <Button
              variant="secondary"
              size="sm"
              disabled={!handoffs.data}
              onClick={() =>
                downloadCsv(
                  'analytics-handoffs.csv',
                  toCsv(
                    ['Cause', 'Hand-offs'],
                    (handoffs.data?.causes ?? []).map((c) => [CAUSES[c.cause] ?? c.cause, c.count]),
                  ),
                )
              }
            >
              Download CSV
            </Button>
          </div>
          {handoffs.isPending ? (
            <Loading label="Loading hand-offs…" />
          ) : handoffs.isError ? (
            <ErrorAlert error={handoffs.error} />
          ) : (
            <BarChart
              title={`${handoffs.data.total} hand-off${handoffs.data.total === 1 ? '' : 's'}`}
              rows={handoffs.data.causes.map((c) => ({ name: CAUSES[c.cause] ?? c.cause, value: c.count }))}
            />
          )}
        </section>
        <section aria-labelledby="csat-heading">
          <h2 id="csat-heading" className="mb-3 text-lg font-semibold">
            Satisfaction ratings
          </h2>
          <BarChart
            title={`${csat.count} ratings${csat.average === null ? '' : `, ${csat.average} on average`}`}
            rows={csat.distribution.map((value, i) => ({ name: `${i + 1} star${i ? 's' : ''}`, value }))}
          />
        </section>
      </div>
      {questions.isPending ? (
        <Loading label="Loading questions…" />
      ) : questions.isError ? (
        <ErrorAlert error={questions.error} />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <QuestionTable
            title="Top questions"
            file="top-questions"
            rows={questions.data.top}
            empty="No questions in this period."
          />
          <QuestionTable
            title="Top unanswered questions"
            file="top-unanswered-questions"
            rows={questions.data.unanswered}
            empty="Every question found an answer."
          />
        </div>
      )}
    </>
  );
}
