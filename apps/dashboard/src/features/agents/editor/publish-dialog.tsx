import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Dialog, DialogActions } from '../../../components/dialog';
import { TextAreaField } from '../../../components/field';
import { useToast } from '../../../components/toast';
import { fieldErrors } from '../../../lib/errors';
import { call, useClient } from '../../../lib/client';
import { useWorkspaceKey } from '../../../lib/workspace';
import { useVersions } from '../agents-api';
import { useDraft } from './draft-editor';

/** Publishes the draft (saving pending edits first) as the next version, with an optional note. */
export function PublishDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { agent, dirty, save } = useDraft();
  const versions = useVersions(agent.id);
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [note, setNote] = useState('');
  const next = versions.data ? Math.max(0, ...versions.data.map((v) => v.version)) + 1 : null;
  const publish = useMutation({
    mutationFn: async () => {
      if (dirty) await save();
      const published = await call(
        client.POST('/api/v1/agents/{id}/publish', {
          params: { path: { id: agent.id } },
          body: { note: note.trim() || null },
        }),
      );
      return published.agent;
    },
    onSuccess: (published) => {
      queryClient.setQueryData(key('agents', agent.id), published);
      void queryClient.invalidateQueries({ queryKey: key('agents', agent.id, 'versions'), exact: true });
      void queryClient.invalidateQueries({ queryKey: key('agents'), exact: true });
      notify(`Version ${published.publishedVersion} is live.`);
      change(false);
    },
  });
  const change = (value: boolean) => {
    if (!value) {
      setNote('');
      publish.reset();
    }
    onOpenChange(value);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    publish.mutate();
  };
  const errors = fieldErrors(publish.error);
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={next ? `Publish version ${next}` : 'Publish'}
      description="New conversations use it at once; conversations already going keep the version they started with."
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {dirty && (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Your unsaved changes are saved to the draft first.
          </p>
        )}
        <TextAreaField
          label="Note (optional)"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          hint="What changed and why, for your team."
          error={errors.note}
          autoFocus
        />
        {publish.isError && !errors.note && (
          <ErrorAlert error={publish.error}>
            {Object.keys(errors).length > 0 && (
              <p className="mt-1">Fix the highlighted fields of the draft, then publish again.</p>
            )}
          </ErrorAlert>
        )}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={publish.isPending}>
            {dirty ? 'Save and publish' : 'Publish'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
