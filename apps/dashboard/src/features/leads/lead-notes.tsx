import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextAreaField } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import type { LeadNote } from './leads-api';
import type { useLeadMutations } from './leads-api';

/** Notes, newest first, and (for people who may write) a box to add one. */
export function LeadNotes({
  notes,
  addNote,
  canWrite,
}: {
  notes: LeadNote[];
  addNote: ReturnType<typeof useLeadMutations>['addNote'];
  canWrite: boolean;
}) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    addNote.mutate(text, { onSuccess: () => setText('') });
  };
  return (
    <section aria-labelledby="lead-notes-heading">
      <h3 id="lead-notes-heading" className="text-sm font-semibold text-slate-900">
        Notes
      </h3>
      {canWrite && (
        <form onSubmit={submit} className="mt-2 space-y-2">
          <TextAreaField
            label="Add a note"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={5000}
            placeholder="What happened, what’s next"
          />
          <ErrorAlert error={addNote.error} />
          <Button type="submit" size="sm" pending={addNote.isPending} disabled={!text.trim()}>
            Add note
          </Button>
        </form>
      )}
      {notes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No notes yet.</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label="Notes">
          {notes.map((note) => (
            <li key={note.id} className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
              <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{note.text}</p>
              <p className="mt-1 text-xs text-slate-500">
                {note.author.label} · {formatDateTime(note.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
