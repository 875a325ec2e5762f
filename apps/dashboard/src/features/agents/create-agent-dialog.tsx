import { zodResolver } from '@hookform/resolvers/zod';
import { createAgentInput } from '@switchboard/contract/agents';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { call, useClient } from '../../lib/client';
import { applyServerErrors } from '../../lib/form';
import { useWorkspace, useWorkspaceKey } from '../../lib/workspace';

const schema = createAgentInput.pick({ name: true });

/** A name is enough: the agent starts with sensible defaults, published as version 1. */
export function CreateAgentDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useToast();
  const form = useForm({ defaultValues: { name: '' }, resolver: zodResolver(schema) });
  const name = useWatch({ control: form.control, name: 'name' });
  const create = useMutation({
    mutationFn: async (body: { name: string }) => (await call(client.POST('/api/v1/agents', { body }))).agent,
    onSuccess: (agent) => {
      queryClient.setQueryData(key('agents', agent.id), agent);
      void queryClient.invalidateQueries({ queryKey: key('agents'), exact: true });
      notify(`${agent.name} created.`);
      change(false);
      void navigate(`/w/${workspace.id}/agents/${agent.id}`);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const change = (next: boolean) => {
    if (!next) {
      form.reset();
      create.reset();
    }
    onOpenChange(next);
  };
  const onSubmit = form.handleSubmit((values) => create.mutate(values));
  const errors = form.formState.errors;
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Create agent"
      description="Give it a name; you set its instructions, knowledge and model next. It can answer from your knowledge straight away."
    >
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-5" noValidate>
        <TextField
          label="Name"
          required
          autoFocus
          maxLength={80}
          {...form.register('name')}
          error={errors.name?.message}
          hint="Visitors see it, e.g. “Acme Support”."
        />
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
