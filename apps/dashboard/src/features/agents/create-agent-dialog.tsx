import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { useWorkspace, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import type { Agent } from './agents-api';

/** A name is enough: the agent starts with sensible defaults, published as version 1. */
export function CreateAgentDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useToast();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => workspaceApi<{ agent: Agent }>('/api/v1/agents', { method: 'POST', json: { name: name.trim() } }).then((r) => r.agent),
    onSuccess: (agent) => {
      queryClient.setQueryData(key('agents', agent.id), agent);
      void queryClient.invalidateQueries({ queryKey: key('agents'), exact: true });
      notify(`${agent.name} created.`);
      change(false);
      void navigate(`/w/${workspace.id}/agents/${agent.id}`);
    },
  });
  const change = (next: boolean) => {
    if (!next) {
      setName('');
      create.reset();
    }
    onOpenChange(next);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = fieldErrors(create.error);
  return (
    <Dialog open={open} onOpenChange={change} title="Create agent" description="Give it a name; you set its instructions, knowledge and model next. It can answer from your knowledge straight away.">
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <TextField label="Name" required autoFocus maxLength={80} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} hint="Visitors see it, e.g. “Acme Support”." />
        {create.isError && !errors.name && <ErrorAlert error={create.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending} disabled={!name.trim()}>
            Create agent
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
