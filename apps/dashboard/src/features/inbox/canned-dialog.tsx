import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { fieldErrors } from '../../lib/errors';
import { call, useClient } from '../../lib/client';
import { useCan, useWorkspace } from '../../lib/workspace';
import { useCannedResponses } from './inbox-api';
import type { CannedResponse } from './inbox-api';

function CannedForm({ editing, onDone }: { editing: CannedResponse | null; onDone: () => void }) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const queryClient = useQueryClient();
  const [shortcut, setShortcut] = useState(editing?.shortcut ?? '');
  const [title, setTitle] = useState(editing?.title ?? '');
  const [content, setContent] = useState(editing?.content ?? '');
  const save = useMutation({
    mutationFn: () =>
      editing
        ? call(
            client.PATCH('/api/v1/inbox/canned-responses/{id}', {
              params: { path: { id: editing.id } },
              body: { shortcut, title, content },
            }),
          )
        : call(client.POST('/api/v1/inbox/canned-responses', { body: { shortcut, title, content } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'canned'] });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 p-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Shortcut"
          hint="Type /shortcut in a reply"
          value={shortcut}
          onChange={(e) => setShortcut(e.target.value)}
          error={errors.shortcut}
          maxLength={40}
          required
        />
        <TextField
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          maxLength={120}
          required
        />
      </div>
      <TextAreaField
        label="Reply"
        rows={3}
        value={content}
        onChange={(e) => setContent(e.target.value)}
        error={errors.content}
        maxLength={4000}
        required
      />
      {save.isError && !Object.keys(errors).length && <ErrorAlert error={save.error} />}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.isPending}>
          {editing ? 'Save' : 'Add'}
        </Button>
      </div>
    </form>
  );
}

/** The team's canned responses: what `/shortcut` inserts in a reply. */
export function CannedDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { workspace } = useWorkspace();
  const can = useCan();
  const client = useClient();
  const queryClient = useQueryClient();
  const canned = useCannedResponses();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(client.DELETE('/api/v1/inbox/canned-responses/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'inbox', 'canned'] }),
  });
  const writable = can('conversations.reply');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Canned responses"
      description="Replies your team uses often. Type / and the shortcut in a reply to insert one."
      size="lg"
    >
      {editing && (
        <CannedForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {!editing && writable && <Button onClick={() => setEditing('new')}>Add a canned response</Button>}
      <ErrorAlert error={canned.error ?? remove.error} className="mt-3" />
      <ul className="mt-4 divide-y divide-slate-100" aria-label="Canned responses">
        {(canned.data ?? []).map((c) => (
          <li key={c.id} className="flex items-start gap-3 py-2.5">
            <div className="min-w-0 flex-1">
              <p className="text-sm">
                <span className="font-mono text-indigo-700">/{c.shortcut}</span>{' '}
                <span className="font-medium">{c.title}</span>
              </p>
              <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-600">{c.content}</p>
            </div>
            {writable && (
              <div className="flex shrink-0 gap-1">
                <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit /${c.shortcut}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => remove.mutate(c.id)}
                  aria-label={`Delete /${c.shortcut}`}
                >
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
        {canned.data?.length === 0 && <li className="py-4 text-sm text-slate-500">None yet.</li>}
      </ul>
    </Dialog>
  );
}
