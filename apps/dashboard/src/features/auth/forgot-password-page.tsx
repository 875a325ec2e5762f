import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { post } from '../../lib/api';
import { AuthCard, linkClass } from './auth-card';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => post('/api/auth/request-password-reset', { email: email.trim(), redirectTo: '/reset-password' }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <AuthCard
      title="Reset your password"
      description="Enter the address you sign in with and we’ll email you a link to choose a new password."
      footer={
        <Link className={linkClass} to="/login">
          Back to sign in
        </Link>
      }
    >
      {request.isSuccess ? (
        // The same answer whether or not an account exists: the page reveals nothing.
        <Notice tone="success" title="Check your inbox">
          If an account exists for {email.trim()}, a reset link is on its way. It works for one hour.
        </Notice>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <ErrorAlert error={request.error} />
          <Button type="submit" className="w-full" pending={request.isPending} disabled={!email.trim()}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
