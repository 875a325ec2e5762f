import { useRef, useState, type DragEvent } from 'react';
import { Button } from '../../components/button';
import { DialogActions } from '../../components/dialog';
import { Icon } from '../../components/icons';
import { ProgressBar } from '../../components/progress-bar';
import { cn } from '../../lib/cn';
import { errorMessage } from '../../lib/errors';
import { uploadForm } from '../../lib/upload';
import { useWorkspace } from '../../lib/workspace';
import { formatBytes, useRefreshKnowledge, type Source } from './knowledge-api';
import { LanguageSelect } from './language-select';

interface Item {
  key: number;
  file: File;
  progress: number;
  state: 'waiting' | 'uploading' | 'done' | 'failed';
  error?: string;
}

const ACCEPT = '.pdf,.docx,.html,.htm,.md,.markdown,.txt,.csv,.json,application/pdf,text/*,application/json';

/**
 * Several files at once, dropped or picked: each uploads in turn with its own progress bar
 * (XHR upload progress) and its own result; a refusal (too large, not a document) says why.
 */
export function FileUpload({ maxBytes, onDone }: { maxBytes: number; onDone: () => void }) {
  const { workspace } = useWorkspace();
  const refresh = useRefreshKnowledge();
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [language, setLanguage] = useState('en');
  const [dragging, setDragging] = useState(false);
  const next = useRef(1);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const update = (key: number, patch: Partial<Item>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const uploadOne = async (item: Item) => {
    if (item.file.size > maxBytes) {
      update(item.key, {
        state: 'failed',
        error: `This file is larger than the upload limit of ${formatBytes(maxBytes)}.`,
      });
      return;
    }
    update(item.key, { state: 'uploading' });
    const form = new FormData();
    form.append('file', item.file, item.file.name);
    form.append('language', language);
    try {
      await uploadForm<{ source: Source }>('/api/v1/knowledge/sources/upload', form, {
        workspaceId: workspace.id,
        onProgress: (fraction) => update(item.key, { progress: fraction * 100 }),
      });
      update(item.key, { state: 'done', progress: 100 });
      void refresh();
    } catch (error) {
      update(item.key, { state: 'failed', error: errorMessage(error) });
    }
  };

  const add = (files: FileList | File[] | null) => {
    const added = [...(files ?? [])].map((file): Item => ({
      key: next.current++,
      file,
      progress: 0,
      state: 'waiting',
    }));
    if (!added.length) return;
    setItems((list) => [...list, ...added]);
    // One at a time, in the order given: the server handles each upload whole.
    for (const item of added) queue.current = queue.current.then(() => uploadOne(item));
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };
  const busy = items.some((item) => item.state === 'waiting' || item.state === 'uploading');
  const uploaded = items.filter((item) => item.state === 'done').length;

  return (
    <div className="space-y-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="drop-zone"
        className={cn(
          'rounded-xl border-2 border-dashed px-6 py-8 text-center',
          dragging ? 'border-indigo-500 bg-indigo-50' : 'border-slate-300 bg-slate-50',
        )}
      >
        <Icon name="upload" className="mx-auto h-8 w-8 text-slate-500" />
        <p className="mt-2 text-sm text-slate-700">Drop files here, or</p>
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => input.current?.click()}>
          Choose files
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          aria-label="Files to upload"
          tabIndex={-1}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <p className="mt-3 text-xs text-slate-500">
          PDF, Word (.docx), HTML, Markdown, CSV, JSON or text; up to {formatBytes(maxBytes)} each. The type is read
          from the content, not the name.
        </p>
      </div>
      <LanguageSelect value={language} onChange={setLanguage} />
      {items.length > 0 && (
        <ul aria-label="Uploads" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {items.map((item) => (
            <li key={item.key} className="px-3 py-2.5 text-sm" aria-label={item.file.name}>
              <div className="flex items-center justify-between gap-3">
                <span className="min-w-0 truncate font-medium text-slate-900">{item.file.name}</span>
                <span className="shrink-0 text-xs text-slate-500">
                  {formatBytes(item.file.size)} ·{' '}
                  {item.state === 'waiting'
                    ? 'waiting'
                    : item.state === 'uploading'
                      ? `${Math.round(item.progress)}%`
                      : item.state === 'done'
                        ? 'uploaded'
                        : 'not added'}
                </span>
              </div>
              {item.state !== 'failed' ? (
                <ProgressBar
                  className="mt-2"
                  value={item.progress}
                  tone={item.state === 'done' ? 'green' : 'indigo'}
                  label={`Uploading ${item.file.name}`}
                />
              ) : (
                <p role="alert" className="mt-1 text-sm text-red-700">
                  {item.error}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <DialogActions>
        <Button onClick={onDone} disabled={busy}>
          {busy ? 'Uploading…' : uploaded ? 'Done' : 'Close'}
        </Button>
      </DialogActions>
    </div>
  );
}
