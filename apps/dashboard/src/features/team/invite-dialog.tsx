import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { INVITE_ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../lib/permissions';
import { useWorkspace, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof INVITE_ROLES)[number]>('agent');
  const invite = useMutation({
    mutationFn: () => workspaceApi('/api/v1/invitations', { method: 'POST', json: { email: email.trim(), role } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: key('invitations') });
      notify(`Invitation sent to ${email.trim()}.`);
      change(false);
    },
  });
  function change(next: boolean) {
    if (!next) {
      setEmail('');
      setRole('agent');
      invite.reset();
    }
    onOpenChange(next);
  }
  const errors = fieldErrors(invite.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Dialog open={open} onOpenChange={change} title="Invite member" description={`They get an email with a link to join ${workspace.name}. The link works for 7 days.`}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField label="Email" type="email" autoComplete="off" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} hint={ROLE_DESCRIPTIONS[role]} error={errors.role}>
          {INVITE_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        {invite.isError && Object.keys(errors).length === 0 && <ErrorAlert error={invite.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={invite.isPending} disabled={!email.trim()}>
            Send invitation
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
