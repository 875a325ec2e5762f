import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { PageHeader, Section } from '../../components/page-header';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { meKey } from '../../lib/session';
import { useCan, useWorkspace, useWorkspaceApi } from '../../lib/workspace';
import { DeleteWorkspaceDialog } from './delete-workspace-dialog';

export function SettingsPage() {
  const { workspace } = useWorkspace();
  const can = useCan();
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <PageHeader title="Settings" description="Settings of this workspace, for every member." />
      <div className="space-y-6">
        {can('workspace.update') && <RenameSection key={workspace.name} />}
        {can('workspace.delete') && (
          <Section
            title="Danger zone"
            tone="danger"
            description="Deleting the workspace removes its agents, knowledge, conversations, leads and API keys for every member. Its audit log is kept. This cannot be undone."
          >
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete workspace
            </Button>
            <DeleteWorkspaceDialog open={deleting} onOpenChange={setDeleting} />
          </Section>
        )}
      </div>
    </>
  );
}

function RenameSection() {
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [name, setName] = useState(workspace.name);
  const rename = useMutation({
    mutationFn: () => workspaceApi('/api/v1/workspace', { method: 'PATCH', json: { name: name.trim() } }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'detail'] }),
        queryClient.invalidateQueries({ queryKey: meKey }),
      ]);
      notify('Workspace renamed.');
    },
  });
  const errors = fieldErrors(rename.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate();
  };
  return (
    <Section title="General">
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        <TextField
          label="Workspace name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
        />
        {rename.isError && !errors.name && <ErrorAlert error={rename.error} />}
        <Button type="submit" pending={rename.isPending} disabled={!name.trim() || name.trim() === workspace.name}>
          Save changes
        </Button>
      </form>
    </Section>
  );
}
