import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Icon } from '../../components/icons';
import { call, useClient } from '../../lib/client';
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

/** Ask what a visitor would ask and see the passages an agent would be given, best first. */
export function RetrievalTab() {
  const client = useClient();
  const sources = useSources();
  const [query, setQuery] = useState('');
  const [language, setLanguage] = useState('en');
  const search = useMutation({
    mutationFn: () => call(client.POST('/api/v1/knowledge/search', { body: { query: query.trim(), language, topK: 8 } })).then((r) => r.passages),
  });
  const fileNames = new Map((sources.data?.sources ?? []).map((s) => [s.id, s.file?.name]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) search.mutate();
  };
  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_14rem_auto] sm:items-start" role="search" aria-label="Test retrieval">
        <TextField label="Question" placeholder="How long do refunds take?" value={query} onChange={(e) => setQuery(e.target.value)} maxLength={2000} hint="Ask it as a visitor would." />
        <LanguageSelect label="Search language" hint="The agent’s language." value={language} onChange={setLanguage} />
        <Button type="submit" className="sm:mt-7" pending={search.isPending} disabled={!query.trim()}>
          <Icon name="search" className="h-4 w-4" />
          Search
        </Button>
      </form>
      <ErrorAlert error={search.error} />
      {search.data && search.data.length === 0 && (
        <Notice title="Nothing relevant found">An agent asked this would say it doesn’t know and offer a person. Add a source or a Q&A pair that answers it.</Notice>
      )}
      {search.data && search.data.length > 0 && (
        <ol aria-label="Passages found" className="space-y-3">
          {search.data.map((passage, index) => {
            const where = location(passage, fileNames.get(passage.sourceId));
            const text = passage.qa ? passage.qa.answer : passage.text;
            return (
              <li key={passage.chunkId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Passage ${index + 1} from ${passage.sourceTitle}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="flex items-center gap-2 font-medium text-slate-900">
                    <span className="flex h-6 w-6 items-center justify-center rounded-full bg-slate-100 text-xs text-slate-700">{index + 1}</span>
                    <Icon name={KIND_INFO[passage.sourceKind as SourceKind]?.icon ?? 'file'} className="h-4 w-4 text-indigo-600" />
                    {passage.sourceTitle}
                  </p>
                  <p className="text-xs text-slate-600">
                    score <span className="font-mono" data-testid="passage-score">{passage.score.toFixed(3)}</span> · {Math.round(passage.coverage * 100)}% of the words
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
                <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text}</p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
