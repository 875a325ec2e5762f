import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { post } from '../../lib/api';
import { fieldErrors } from '../../lib/errors';
import { meKey } from '../../lib/session';

interface Created {
  workspace: { id: string; name: string };
}

/** Creates a workspace (you become its owner) and opens it. */
export function CreateWorkspaceForm({ onCreated, autoFocus = false }: { onCreated?: () => void; autoFocus?: boolean }) {
  const [name, setName] = useState('');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => post<Created>('/api/v1/workspaces', { name: name.trim() }),
    onSuccess: async ({ workspace }) => {
      await queryClient.invalidateQueries({ queryKey: meKey, refetchType: 'all' });
      onCreated?.();
      void navigate(`/w/${workspace.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField
        label="Workspace name"
        required
        maxLength={120}
        autoFocus={autoFocus}
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint="Usually your company or team. You can rename it later."
        error={errors.name}
      />
      {create.isError && !errors.name && <ErrorAlert error={create.error} />}
      <Button type="submit" className="w-full sm:w-auto" pending={create.isPending} disabled={!name.trim()}>
        Create workspace
      </Button>
    </form>
  );
}
