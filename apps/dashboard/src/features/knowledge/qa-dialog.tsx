import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { fieldErrors } from '../../lib/errors';

export interface QaDraft {
  question: string;
  answer: string;
}

/** Writes a question and its curated answer; `save` decides where it goes (new pair, edit, or answering a gap). */
export function QaDialog({ open, title, description, initial, submitLabel, save, onSaved, onClose }: { open: boolean; title: string; description?: string; initial: QaDraft; submitLabel: string; save: (draft: QaDraft) => Promise<unknown>; onSaved: () => void; onClose: () => void }) {
  const [question, setQuestion] = useState(initial.question);
  const [answer, setAnswer] = useState(initial.answer);
  // Each opening starts from `initial` (adjusted while rendering, not after).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) {
      setQuestion(initial.question);
      setAnswer(initial.answer);
    }
  }
  const mutation = useMutation({ mutationFn: () => save({ question: question.trim(), answer: answer.trim() }), onSuccess: onSaved });
  const errors = fieldErrors(mutation.error);
  const change = (next: boolean) => {
    if (next) return;
    mutation.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description} size="lg">
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField label="Question" required maxLength={1000} value={question} onChange={(e) => setQuestion(e.target.value)} error={errors.question} hint="As a customer would ask it. Similar wordings match too." />
        <TextAreaField label="Answer" required autoFocus={Boolean(initial.question)} rows={6} maxLength={8000} value={answer} onChange={(e) => setAnswer(e.target.value)} error={errors.answer} hint="Given word for word when the question matches." />
        {mutation.isError && Object.keys(errors).length === 0 && <ErrorAlert error={mutation.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={mutation.isPending} disabled={question.trim().length < 3 || !answer.trim()}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
