import { ErrorAlert } from '../../../components/alert';
import { Checkbox, TextField } from '../../../components/field';
import { Section } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { Link } from 'react-router';
import { useCan, useWorkspace } from '../../../lib/workspace';
import { useKnowledgeSources } from '../knowledge-sources';
import { useDraft } from './draft-editor';

const KIND_LABELS = { file: 'File', url: 'Page', website: 'Website', text: 'Text', qa: 'Q&A' } as const;

/** Which sources the agent answers from, and how many passages it retrieves. */
export function KnowledgeSection() {
  const { form, update, errors } = useDraft();
  const { workspace } = useWorkspace();
  const canRead = useCan()('knowledge.read');
  const sources = useKnowledgeSources();
  const chosen = form.knowledge.sourceIds;
  const setKnowledge = (patch: Partial<typeof form.knowledge>) => update('knowledge', { ...form.knowledge, ...patch });
  const toggle = (id: string, on: boolean) =>
    setKnowledge({ sourceIds: on ? [...(chosen ?? []), id] : (chosen ?? []).filter((s) => s !== id) });
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return (
    <Section title="Knowledge" description="What the agent may answer from.">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Sources</legend>
        <div className="mt-2 space-y-2">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="knowledgeScope"
              className="h-4 w-4 text-indigo-600"
              checked={chosen === null}
              onChange={() => setKnowledge({ sourceIds: null })}
            />
            All sources of the workspace, including ones added later
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="knowledgeScope"
              className="h-4 w-4 text-indigo-600"
              checked={chosen !== null}
              onChange={() => setKnowledge({ sourceIds: [] })}
            />
            Only the sources I choose
          </label>
        </div>
        {chosen !== null && (
          <div className="mt-3 rounded-lg border border-slate-200 p-3">
            {!canRead ? (
              <p className="text-sm text-slate-600">
                Your role can’t list the knowledge sources; {chosen.length} chosen.
              </p>
            ) : sources.isPending ? (
              <Loading label="Loading sources…" className="py-2" />
            ) : sources.isError ? (
              <ErrorAlert error={sources.error} />
            ) : sources.data.length === 0 ? (
              <p className="text-sm text-slate-600">
                No sources yet. Add some on the{' '}
                <Link to={`/w/${workspace.id}/knowledge`} className="font-medium text-indigo-700 underline">
                  Knowledge
                </Link>{' '}
                page.
              </p>
            ) : (
              <ul className="max-h-64 space-y-2 overflow-y-auto">
                {sources.data.map((source) => (
                  <li key={source.id}>
                    <Checkbox
                      label={source.title}
                      hint={`${KIND_LABELS[source.kind]} · ${source.status === 'ready' ? `${source.chunkCount} passages` : source.status}`}
                      checked={chosen.includes(source.id)}
                      onChange={(e) => toggle(source.id, e.target.checked)}
                    />
                  </li>
                ))}
                {chosen
                  .filter((id) => !sources.data.some((s) => s.id === id))
                  .map((id) => (
                    <li key={id}>
                      <Checkbox label="A deleted source" hint={id} checked onChange={() => toggle(id, false)} />
                    </li>
                  ))}
              </ul>
            )}
            {chosen.length === 0 && (
              <p className="mt-2 text-sm text-amber-800">
                With no source chosen the agent finds nothing and offers a person.
              </p>
            )}
          </div>
        )}
        {(errors['knowledge.sourceIds'] ?? errors.knowledge) && (
          <p className="mt-1 text-sm text-red-700">{errors['knowledge.sourceIds'] ?? errors.knowledge}</p>
        )}
      </fieldset>
      <div className="mt-5 grid gap-4 md:grid-cols-2">
        <TextField
          label="Passages per answer"
          type="number"
          min={1}
          max={20}
          value={Number.isNaN(form.knowledge.topK) ? '' : form.knowledge.topK}
          onChange={(e) => setKnowledge({ topK: number(e.target.value) })}
          error={errors['knowledge.topK']}
          hint="How many of the best passages the answer is built from (1–20)."
        />
        <TextField
          label="Minimum relevance"
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={Number.isNaN(form.knowledge.minScore) ? '' : form.knowledge.minScore}
          onChange={(e) => setKnowledge({ minScore: number(e.target.value) })}
          error={errors['knowledge.minScore']}
          hint="0–1, the same scale for every question: 0 shares no word and no meaning with it, 1 holds all of it. Passages below this never reach an answer; Knowledge › Test retrieval shows each passage’s relevance."
        />
      </div>
    </Section>
  );
}
