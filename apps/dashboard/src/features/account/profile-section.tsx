import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Section } from '../../components/page-header';
import { useToast } from '../../components/toast';
import { post } from '../../lib/api';
import { meKey, useSession } from '../../lib/session';

export function ProfileSection() {
  const me = useSession();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [name, setName] = useState(me.user.name);
  const save = useMutation({
    mutationFn: () => post('/api/auth/update-user', { name: name.trim() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      notify('Your name was saved.');
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Section title="Profile">
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        <TextField
          label="Name"
          autoComplete="name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="Shown to the members of your workspaces."
        />
        <div>
          <p className="text-sm font-medium text-slate-800">Email</p>
          <p className="mt-1 text-sm text-slate-600">
            {me.user.email} {me.user.emailVerified ? '(verified)' : '(not verified)'}
          </p>
        </div>
        <ErrorAlert error={save.error} />
        <Button type="submit" pending={save.isPending} disabled={!name.trim() || name.trim() === me.user.name}>
          Save name
        </Button>
      </form>
    </Section>
  );
}
