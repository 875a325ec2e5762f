import { zodResolver } from '@hookform/resolvers/zod';
import { inviteInput } from '@switchboard/contract/team';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { call, useClient } from '../../lib/client';
import { applyServerErrors } from '../../lib/form';
import { INVITE_ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../lib/permissions';
import { useWorkspace, useWorkspaceKey } from '../../lib/workspace';

type Invite = { email: string; role: (typeof INVITE_ROLES)[number] };

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { workspace } = useWorkspace();
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const form = useForm<Invite>({ defaultValues: { email: '', role: 'agent' }, resolver: zodResolver(inviteInput) });
  const [email, role] = useWatch({ control: form.control, name: ['email', 'role'] });
  const invite = useMutation({
    mutationFn: (body: Invite) => call(client.POST('/api/v1/invitations', { body })),
    onSuccess: async (_result, body) => {
      await queryClient.invalidateQueries({ queryKey: key('invitations') });
      notify(`Invitation sent to ${body.email}.`);
      change(false);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  function change(next: boolean) {
    if (!next) {
      form.reset();
      invite.reset();
    }
    onOpenChange(next);
  }
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => invite.mutate(values));
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Invite member"
      description={`They get an email with a link to join ${workspace.name}. The link works for 7 days.`}
    >
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          autoFocus
          required
          {...form.register('email')}
          error={errors.email?.message}
        />
        <SelectField
          label="Role"
          {...form.register('role')}
          hint={ROLE_DESCRIPTIONS[role]}
          error={errors.role?.message}
        >
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
