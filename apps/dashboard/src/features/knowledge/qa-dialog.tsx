import { zodResolver } from '@hookform/resolvers/zod';
import { qaInput } from '@switchboard/contract/knowledge';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { applyServerErrors } from '../../lib/form';

export interface QaDraft {
  question: string;
  answer: string;
}

/** Writes a question and its curated answer; `save` decides where it goes (new pair, edit, or answering a gap). */
export function QaDialog({
  open,
  title,
  description,
  initial,
  submitLabel,
  save,
  onSaved,
  onClose,
}: {
  open: boolean;
  title: string;
  description?: string;
  initial: QaDraft;
  submitLabel: string;
  save: (draft: QaDraft) => Promise<unknown>;
  onSaved: () => void;
  onClose: () => void;
}) {
  const form = useForm<QaDraft>({ defaultValues: initial, resolver: zodResolver(qaInput) });
  const [question, answer] = useWatch({ control: form.control, name: ['question', 'answer'] });
  // Each opening starts from `initial` (adjusted while rendering, not after).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) form.reset(initial);
  }
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: onSaved,
    onError: (error) => applyServerErrors(form, error),
  });
  const errors = form.formState.errors;
  const change = (next: boolean) => {
    if (next) return;
    mutation.reset();
    onClose();
  };
  const submit = form.handleSubmit((draft) => mutation.mutate(draft));
  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
        <TextField
          label="Question"
          required
          maxLength={1000}
          {...form.register('question')}
          error={errors.question?.message}
          hint="As a customer would ask it. Similar wordings match too."
        />
        <TextAreaField
          label="Answer"
          required
          autoFocus={Boolean(initial.question)}
          rows={6}
          maxLength={8000}
          {...form.register('answer')}
          error={errors.answer?.message}
          hint="Given word for word when the question matches."
        />
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
