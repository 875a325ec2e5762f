import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { Section } from '../../components/page-header';
import { post } from '../../lib/api';
import { useAuthConfig } from '../../lib/session';

export function PasswordSection() {
  const config = useAuthConfig();
  const minLength = config.data?.minPasswordLength ?? 10;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () =>
      post('/api/auth/change-password', { currentPassword: current, newPassword: next, revokeOtherSessions: true }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.reset();
    if (next.length < minLength) return setProblem(`Use at least ${minLength} characters.`);
    if (next !== confirm) return setProblem('The two new passwords don’t match.');
    setProblem(null);
    change.mutate();
  };
  return (
    <Section title="Password" description="Changing it signs you out everywhere else.">
      <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          hint={`At least ${minLength} characters.`}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        {problem && <ErrorAlert>{problem}</ErrorAlert>}
        <ErrorAlert error={change.error} />
        {change.isSuccess && <Notice tone="success">Password changed. Your other sessions were signed out.</Notice>}
        <Button type="submit" pending={change.isPending} disabled={!current || !next || !confirm}>
          Change password
        </Button>
      </form>
    </Section>
  );
}
