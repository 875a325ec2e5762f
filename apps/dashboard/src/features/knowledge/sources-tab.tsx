import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { Loading } from '../../components/spinner';
import { useCan, useWorkspace } from '../../lib/workspace';
import { DeleteSourceDialog } from './delete-source-dialog';
import { useSources, type Source } from './knowledge-api';
import { SourceDialog } from './source-dialog';
import { SourceRow } from './source-row';

const KINDS_TEXT = [
  ['file', 'Files', 'PDF, Word (.docx), HTML, Markdown, CSV, JSON or plain text, uploaded from your computer.'],
  ['link', 'A page', 'One address on the web, fetched and kept in sync if you like.'],
  ['globe', 'A website', 'A crawl of your help centre or site, following its sitemap and robots.txt.'],
  ['text', 'Text', 'Anything you paste: a policy, opening hours, a price list.'],
  ['qa', 'Q&A', 'Curated answers to exact questions, given word for word (in the Q&A tab).'],
] as const;

export function SourcesTab({ onAdd }: { onAdd: () => void }) {
  const sources = useSources();
  const can = useCan();
  const { workspace } = useWorkspace();
  const [open, setOpen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Source | null>(null);

  if (sources.isPending) return <Loading label="Loading sources…" />;
  if (sources.isError) return <ErrorAlert error={sources.error} />;
  // The Q&A source exists once a pair does; on its own and empty it is not "knowledge yet".
  const list = sources.data.sources.filter((s) => s.kind !== 'qa' || s.chunkCount > 0);
  const selected = sources.data.sources.find((s) => s.id === open) ?? null;

  if (list.length === 0) {
    return (
      <EmptyState
        title="No knowledge yet"
        icon={<Icon name="book" />}
        action={can('knowledge.write') ? <Button onClick={onAdd}>Add your first source</Button> : undefined}
      >
        <p>
          Agents in {workspace.name} answer from the sources you add here. Each is split into passages that search finds
          and answers cite.
        </p>
        <ul className="mx-auto mt-5 grid max-w-2xl gap-3 text-left sm:grid-cols-2">
          {KINDS_TEXT.map(([icon, title, text]) => (
            <li key={title} className="flex gap-3 rounded-lg border border-slate-200 p-3">
              <Icon name={icon} className="h-5 w-5 shrink-0 text-indigo-600" />
              <span>
                <span className="block font-medium text-slate-900">{title}</span>
                <span className="text-slate-600">{text}</span>
              </span>
            </li>
          ))}
        </ul>
        {!can('knowledge.write') && (
          <p className="mt-4">Your role can read knowledge but not add it: ask a manager or admin.</p>
        )}
      </EmptyState>
    );
  }

  return (
    <>
      <ul
        aria-label="Sources"
        className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm"
      >
        {list.map((source) => (
          <SourceRow
            key={source.id}
            source={source}
            onOpen={() => setOpen(source.id)}
            onDelete={() => setDeleting(source)}
          />
        ))}
      </ul>
      <SourceDialog
        key={selected?.id}
        source={selected}
        onClose={() => setOpen(null)}
        onDelete={(s) => setDeleting(s)}
      />
      <DeleteSourceDialog source={deleting} onClose={() => setDeleting(null)} onDeleted={() => setOpen(null)} />
    </>
  );
}
