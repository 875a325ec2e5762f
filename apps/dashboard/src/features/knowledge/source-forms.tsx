import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { call, useClient, type paths } from '../../lib/client';
import { useRefreshKnowledge } from './knowledge-api';
import { LanguageSelect } from './language-select';
import { parseInterval, SYNC_OPTIONS } from './sync-interval';

type SourceBody = paths['/api/v1/knowledge/sources']['post']['requestBody']['content']['application/json'];

/** POST /knowledge/sources with this body; closes with a toast, keeps field errors beside their fields. */
function useCreateSource(onDone: () => void) {
  const client = useClient();
  const refresh = useRefreshKnowledge();
  const notify = useToast();
  return useMutation({
    mutationFn: (body: SourceBody) => call(client.POST('/api/v1/knowledge/sources', { body })),
    onSuccess: ({ source }) => {
      notify(`Added “${source.title}”. It is being processed.`);
      void refresh();
      onDone();
    },
  });
}

function FormShell({
  onSubmit,
  pending,
  error,
  submitLabel,
  disabled,
  onCancel,
  children,
}: {
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  disabled: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {children}
      {error && Object.keys(fieldErrors(error)).length === 0 ? <ErrorAlert error={error} /> : null}
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={pending} disabled={disabled}>
          {submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}

function SyncSelect({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <SelectField
      label="Sync automatically"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      hint="Fetch it again on a schedule; unchanged content is not re-processed."
    >
      {SYNC_OPTIONS.map(([hours, label]) => (
        <option key={label} value={hours === null ? '' : String(hours)}>
          {label}
        </option>
      ))}
    </SelectField>
  );
}

export function PageForm({ onDone }: { onDone: () => void }) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [interval, setSyncInterval] = useState('');
  const [language, setLanguage] = useState('en');
  const create = useCreateSource(onDone);
  const errors = fieldErrors(create.error);
  const body: SourceBody = {
    kind: 'url',
    url: url.trim(),
    ...(title.trim() && { title: title.trim() }),
    syncIntervalHours: parseInterval(interval),
    language,
  };
  return (
    <FormShell
      onSubmit={() => create.mutate(body)}
      pending={create.isPending}
      error={create.error}
      submitLabel="Add page"
      disabled={!url.trim()}
      onCancel={onDone}
    >
      <TextField
        label="Page address"
        type="url"
        required
        placeholder="https://example.com/help/returns"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.url}
      />
      <TextField
        label="Title (optional)"
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.title}
        hint="Without one, the page’s own title is used."
      />
      <SyncSelect value={interval} onChange={setSyncInterval} />
      <LanguageSelect value={language} onChange={setLanguage} />
    </FormShell>
  );
}

export function WebsiteForm({ maxPages, onDone }: { maxPages: number; onDone: () => void }) {
  const [url, setUrl] = useState('');
  const [pages, setPages] = useState(String(Math.min(50, maxPages)));
  const [depth, setDepth] = useState('3');
  const [interval, setSyncInterval] = useState('');
  const [language, setLanguage] = useState('en');
  const create = useCreateSource(onDone);
  const errors = fieldErrors(create.error);
  const body: SourceBody = {
    kind: 'website',
    url: url.trim(),
    maxPages: Number(pages),
    maxDepth: Number(depth),
    syncIntervalHours: parseInterval(interval),
    language,
  };
  return (
    <FormShell
      onSubmit={() => create.mutate(body)}
      pending={create.isPending}
      error={create.error}
      submitLabel="Crawl website"
      disabled={!url.trim() || !pages || !depth}
      onCancel={onDone}
    >
      <TextField
        label="Start address"
        type="url"
        required
        placeholder="https://help.example.com/"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.url}
        hint="Its sitemap is used when it has one; otherwise links on the same site are followed. robots.txt is honoured."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Most pages"
          type="number"
          min={1}
          max={maxPages}
          value={pages}
          onChange={(e) => setPages(e.target.value)}
          error={errors.maxPages}
          hint={`Up to ${maxPages.toLocaleString()}.`}
        />
        <TextField
          label="Link depth"
          type="number"
          min={0}
          max={10}
          value={depth}
          onChange={(e) => setDepth(e.target.value)}
          error={errors.maxDepth}
          hint="Clicks away from the start page (0–10)."
        />
      </div>
      <SyncSelect value={interval} onChange={setSyncInterval} />
      <LanguageSelect value={language} onChange={setLanguage} />
    </FormShell>
  );
}

export function TextForm({ onDone }: { onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [language, setLanguage] = useState('en');
  const create = useCreateSource(onDone);
  const errors = fieldErrors(create.error);
  return (
    <FormShell
      onSubmit={() => create.mutate({ kind: 'text', title: title.trim(), text, language })}
      pending={create.isPending}
      error={create.error}
      submitLabel="Add text"
      disabled={!title.trim() || !text.trim()}
      onCancel={onDone}
    >
      <TextField
        label="Title"
        required
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={errors.title}
        hint="Shown in citations."
      />
      <TextAreaField
        label="Text"
        required
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.text}
        hint="Markdown headings and lists are understood."
      />
      <LanguageSelect value={language} onChange={setLanguage} />
    </FormShell>
  );
}
