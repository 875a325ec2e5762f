import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { FullPageLoading } from '../../components/spinner';
import { post } from '../../lib/api';
import { fieldErrors, isApiError } from '../../lib/errors';
import { useAuthConfig, useResetSession } from '../../lib/session';
import { AuthCard, linkClass } from './auth-card';
import { signIn } from './auth-api';
import { InstallationStatus } from './installation-status';

/** First run: creates the platform administrator, then signs them in. */
export function SetupPage() {
  const config = useAuthConfig();
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const minLength = config.data?.minPasswordLength ?? 10;

  const setup = useMutation({
    mutationFn: async () => {
      await post('/api/v1/setup', { name: name.trim(), email: email.trim(), password });
      await signIn({ email: email.trim(), password });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['auth-config'] });
      await resetSession();
      void navigate('/onboarding', { replace: true });
    },
  });

  if (config.isPending) return <FullPageLoading />;
  const done =
    (config.data && !config.data.setupNeeded && !setup.isPending && !setup.isSuccess) ||
    isApiError(setup.error, 'setup_done');
  if (done) {
    return (
      <AuthCard title="Switchboard is already set up" footer={<InstallationStatus />}>
        <Notice>The platform administrator account exists. Sign in to continue.</Notice>
        <Link className={`${linkClass} mt-6 inline-block`} to="/login">
          Sign in
        </Link>
      </AuthCard>
    );
  }

  const errors = fieldErrors(setup.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };

  return (
    <AuthCard
      title="Set up Switchboard"
      description="Create the platform administrator: the account that manages this installation and every workspace on it."
      footer={<InstallationStatus />}
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField
          label="Name"
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={`At least ${minLength} characters.`}
          error={errors.password}
        />
        {setup.isError && Object.keys(errors).length === 0 && <ErrorAlert error={setup.error} />}
        <Button
          type="submit"
          className="w-full"
          pending={setup.isPending}
          disabled={!name.trim() || !email.trim() || password.length < minLength}
        >
          Create administrator account
        </Button>
      </form>
    </AuthCard>
  );
}
