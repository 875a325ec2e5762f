import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { post } from '../../lib/api';
import { useAuthConfig } from '../../lib/session';
import { AuthCard, linkClass } from './auth-card';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const config = useAuthConfig();
  const minLength = config.data?.minPasswordLength ?? 10;
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reset = useMutation({ mutationFn: () => post('/api/auth/reset-password', { newPassword: password, token }) });

  if (!token || params.get('error')) {
    return (
      <AuthCard
        title="This reset link no longer works"
        description="Reset links work once and for one hour. Ask for a new one."
      >
        <Link className={linkClass} to="/forgot-password">
          Send a new reset link
        </Link>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <Notice tone="success">Your password was changed and every other session was signed out.</Notice>
        <Link className={`${linkClass} mt-6 inline-block`} to="/login">
          Sign in with your new password
        </Link>
      </AuthCard>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < minLength) return setProblem(`Use at least ${minLength} characters.`);
    if (password !== confirm) return setProblem('The two passwords don’t match.');
    setProblem(null);
    reset.mutate();
  };

  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={`At least ${minLength} characters.`}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        {problem && <ErrorAlert>{problem}</ErrorAlert>}
        <ErrorAlert error={reset.error}>
          {reset.isError && (
            <Link className="mt-1 inline-block font-medium underline" to="/forgot-password">
              Send a new reset link
            </Link>
          )}
        </ErrorAlert>
        <Button type="submit" className="w-full" pending={reset.isPending} disabled={!password || !confirm}>
          Reset password
        </Button>
      </form>
    </AuthCard>
  );
}
