import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { forgetWorkspace } from '../../lib/last-workspace';
import { meKey, withoutWorkspace, type Me } from '../../lib/session';
import { useWorkspace, useWorkspaceApi } from '../../lib/workspace';

/** Typed confirmation: the exact workspace name, as the server checks it too. */
export function DeleteWorkspaceDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useToast();
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => workspaceApi('/api/v1/workspace', { method: 'DELETE', json: { confirm: typed } }),
    onSuccess: () => {
      forgetWorkspace(workspace.id);
      queryClient.setQueryData<Me | null>(meKey, (me) => withoutWorkspace(me, workspace.id));
      notify(`${workspace.name} is being deleted.`);
      void navigate('/', { replace: true });
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
  const change = (next: boolean) => {
    if (!next) {
      setTyped('');
      remove.reset();
    }
    onOpenChange(next);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (typed === workspace.name) remove.mutate();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Delete workspace"
      description={
        <>
          This permanently deletes <strong className="text-slate-900">{workspace.name}</strong> and everything in it,
          for every member. It cannot be undone.
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <TextField
          label={`Type "${workspace.name}" to confirm`}
          autoComplete="off"
          autoFocus
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <ErrorAlert error={remove.error} className="mt-4" />
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={remove.isPending} disabled={typed !== workspace.name}>
            Delete workspace
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
