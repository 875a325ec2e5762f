import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { SelectField, TextField } from '../../../components/field';
import { Loading } from '../../../components/spinner';
import { useToast } from '../../../components/toast';
import { errorMessage, fieldErrors } from '../../../lib/errors';
import { useDraft } from '../editor/draft-editor';
import { useKnowledgeSources } from '../knowledge-sources';
import { useEvaluationActions, useEvaluationRuns, useEvaluationSet, type EvaluationCase } from './evaluations-api';
import { RunResults } from './run-results';

/** The agent's evaluation set: questions with the facts or source a good answer has, the publish threshold, runs and results. */
export function EvaluationsTab() {
  const { agent, canWrite } = useDraft();
  const set = useEvaluationSet(agent.id);
  const runs = useEvaluationRuns(agent.id);
  const sources = useKnowledgeSources();
  const actions = useEvaluationActions(agent.id);
  const notify = useToast();
  const [question, setQuestion] = useState('');
  const [facts, setFacts] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [threshold, setThreshold] = useState<string | null>(null);
  const [removing, setRemoving] = useState<EvaluationCase | null>(null);
  const errors = fieldErrors(actions.add.error);

  if (set.isPending) return <Loading label="Loading the evaluation set…" />;
  if (set.isError) return <ErrorAlert error={set.error} />;
  const current =
    threshold ?? (set.data.settings.blockPublishBelow === null ? '' : String(set.data.settings.blockPublishBelow));

  const add = (event: FormEvent) => {
    event.preventDefault();
    const list = facts
      .split(/\n|;/)
      .map((f) => f.trim())
      .filter(Boolean);
    actions.add.mutate(
      { question: question.trim(), facts: list, sourceId: sourceId || null },
      { onSuccess: () => (setQuestion(''), setFacts(''), setSourceId('')) },
    );
  };
  const latest = runs.data?.[0];
  return (
    <div className="space-y-8">
      <section aria-labelledby="eval-questions" className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="eval-questions" className="text-lg font-semibold">
            Questions
          </h2>
          {canWrite && set.data.cases.length > 0 && (
            <Button
              pending={actions.run.isPending}
              onClick={() =>
                actions.run.mutate(undefined, { onError: (error) => notify(errorMessage(error), 'error') })
              }
            >
              Run evaluation
            </Button>
          )}
        </div>
        {set.data.cases.length === 0 ? (
          <EmptyState title="No questions yet">
            Add the questions customers ask, with the facts a good answer states. A run answers each with the draft and
            the live version side by side.
          </EmptyState>
        ) : (
          <ul
            aria-label="Evaluation questions"
            className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
          >
            {set.data.cases.map((c) => (
              <li key={c.id} className="flex items-start gap-3 p-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">{c.question}</p>
                  <p className="text-xs text-slate-500">
                    {c.facts.length > 0 && `Must state: ${c.facts.join('; ')}`}
                    {c.sourceId && ` Must cite: ${sources.data?.find((s) => s.id === c.sourceId)?.title ?? c.sourceId}`}
                  </p>
                </div>
                {canWrite && (
                  <Button
                    variant="ghost-danger"
                    size="sm"
                    onClick={() => setRemoving(c)}
                    aria-label={`Remove ${c.question}`}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canWrite && (
          <form
            onSubmit={add}
            noValidate
            className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2"
          >
            <TextField
              label="Question"
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              error={errors.question}
              fieldClassName="sm:col-span-2"
            />
            <TextField
              label="Facts the answer must state"
              hint="Separate several with ;"
              value={facts}
              onChange={(e) => setFacts(e.target.value)}
              error={errors.facts}
            />
            <SelectField
              label="Source it must cite (optional)"
              value={sourceId}
              onChange={(e) => setSourceId(e.target.value)}
            >
              <option value="">Any</option>
              {sources.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </SelectField>
            <div className="sm:col-span-2">
              <Button type="submit" variant="secondary" pending={actions.add.isPending}>
                Add question
              </Button>
            </div>
          </form>
        )}
      </section>
      {canWrite && (
        <section aria-labelledby="eval-threshold" className="space-y-2">
          <h2 id="eval-threshold" className="text-lg font-semibold">
            Block publishing
          </h2>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              actions.settings.mutate(current === '' ? null : Number(current), {
                onSuccess: () => notify('Saved.'),
                onError: (error) => notify(errorMessage(error), 'error'),
              });
            }}
          >
            <TextField
              label="Block publish below (%)"
              hint="Empty: publishing never waits for an evaluation."
              type="number"
              min={1}
              max={100}
              value={current}
              onChange={(e) => setThreshold(e.target.value)}
            />
            <Button type="submit" variant="secondary" pending={actions.settings.isPending}>
              Save
            </Button>
          </form>
        </section>
      )}
      <section aria-labelledby="eval-runs" className="space-y-3">
        <h2 id="eval-runs" className="text-lg font-semibold">
          Latest run
        </h2>
        {runs.isError && <ErrorAlert error={runs.error} />}
        {latest ? <RunResults run={latest} /> : <p className="text-sm text-slate-600">No run yet.</p>}
      </section>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title="Remove this question?"
        description={removing?.question}
        confirmLabel="Remove"
        onConfirm={() => actions.remove.mutateAsync(removing!.id)}
        onDone={() => setRemoving(null)}
      />
    </div>
  );
}
