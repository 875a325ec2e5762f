import { useMutation } from '@tanstack/react-query';
import { DEFAULT_MIN_RELEVANCE } from '@switchboard/contract/enums';
import { useState, type FormEvent } from 'react';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Icon } from '../../components/icons';
import { call, useClient } from '../../lib/client';
import { cn } from '../../lib/cn';
import { KIND_INFO, useSources, type Passage, type SourceKind } from './knowledge-api';
import { LanguageSelect } from './language-select';

const SNIPPET = 360;

function location(passage: Passage, fileName: string | undefined) {
  const page = passage.page ? `page ${passage.page}` : null;
  if (passage.url) {
    const href = passage.anchor ? `${passage.url.split('#')[0]}#${passage.anchor}` : passage.url;
    return (
      <a href={href} target="_blank" rel="noreferrer noopener" className="break-all text-indigo-700 underline">
        {href}
      </a>
    );
  }
  return [fileName, page].filter(Boolean).join(', ') || null;
}

/**
 * Ask what a visitor would ask and see the passages found, best first, with their relevance
 * (the same scale for every question). Passages below the minimum relevance stay listed, greyed:
 * an agent with that threshold would not use them.
 */
export function RetrievalTab() {
  const client = useClient();
  const sources = useSources();
  const [query, setQuery] = useState('');
  const [language, setLanguage] = useState('en');
  const [threshold, setThreshold] = useState(String(DEFAULT_MIN_RELEVANCE));
  const minimum = Number(threshold) || 0;
  const search = useMutation({
    mutationFn: () =>
      call(client.POST('/api/v1/knowledge/search', { body: { query: query.trim(), language, topK: 8 } })).then(
        (r) => r.passages,
      ),
  });
  const fileNames = new Map((sources.data?.sources ?? []).map((s) => [s.id, s.file?.name]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) search.mutate();
  };
  return (
    <div className="space-y-6">
      <form
        onSubmit={submit}
        className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_14rem_9rem_auto] sm:items-start"
        role="search"
        aria-label="Test retrieval"
      >
        <TextField
          label="Question"
          placeholder="How long do refunds take?"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={2000}
          hint="Ask it as a visitor would."
        />
        <LanguageSelect label="Search language" hint="The agent’s language." value={language} onChange={setLanguage} />
        <TextField
          label="Minimum relevance"
          type="number"
          min={0}
          max={1}
          step={0.05}
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          hint="The agent’s setting."
        />
        <Button type="submit" className="sm:mt-7" pending={search.isPending} disabled={!query.trim()}>
          <Icon name="search" className="h-4 w-4" />
          Search
        </Button>
      </form>
      <ErrorAlert error={search.error} />
      {search.data && !search.data.some((p) => p.score >= minimum) && (
        <Notice title="Nothing relevant found">
          {search.data.length ? 'No passage reaches the minimum relevance: an' : 'An'} agent asked this would say it
          doesn’t know and offer a person. Add a source or a Q&A pair that answers it.
        </Notice>
      )}
      {search.data && search.data.length > 0 && (
        <ol aria-label="Passages found" className="space-y-3">
          {search.data.map((passage, index) => {
            const where = location(passage, fileNames.get(passage.sourceId));
            const text = passage.qa ? passage.qa.answer : passage.text;
            const below = passage.score < minimum;
            return (
              <li
                key={passage.chunkId}
                className={cn(
                  'rounded-xl border p-4 shadow-sm',
                  below ? 'border-dashed border-slate-200 bg-slate-50 opacity-60' : 'border-slate-200 bg-white',
                )}
                aria-label={`Passage ${index + 1} from ${passage.sourceTitle}${below ? ', below the minimum relevance' : ''}`}
                data-below-threshold={below || undefined}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="flex items-center gap-2 font-medium text-slate-900">
                    <span className="flex h-6 w-6 items-center justify-center rounded-full bg-slate-100 text-xs text-slate-700">
                      {index + 1}
                    </span>
                    <Icon
                      name={KIND_INFO[passage.sourceKind as SourceKind]?.icon ?? 'file'}
                      className="h-4 w-4 text-indigo-600"
                    />
                    {passage.sourceTitle}
                  </p>
                  <p className="text-xs text-slate-600">
                    {below && <span className="mr-1 font-medium text-slate-700">Below the minimum ·</span>}
                    relevance{' '}
                    <span className="font-mono" data-testid="passage-score">
                      {passage.score.toFixed(2)}
                    </span>{' '}
                    · {Math.round(passage.coverage * 100)}% of the question’s words
                    {passage.similarity !== null && <> · meaning {passage.similarity.toFixed(2)}</>}
                    {passage.rerankScore !== undefined && <> · rerank {passage.rerankScore.toFixed(3)}</>}
                  </p>
                </div>
                {(passage.heading || where) && (
                  <p className="mt-1 text-xs text-slate-500">
                    {passage.heading && <span>{passage.heading}</span>}
                    {passage.heading && where && ' · '}
                    {where}
                  </p>
                )}
                {passage.qa && <p className="mt-2 text-sm font-medium text-slate-800">Q: {passage.qa.question}</p>}
                <p className="mt-2 whitespace-pre-line text-sm text-slate-700">
                  {text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
