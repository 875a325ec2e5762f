import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { safeNext, withNext } from '../../lib/redirect';
import { AuthCard, linkClass } from './auth-card';
import { sendVerificationEmail, verificationTarget } from './auth-api';

/** "Check your inbox", after sign-up, after signing in unverified, or when a link was stale. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const knownEmail = params.get('email') ?? '';
  const [email, setEmail] = useState(knownEmail);
  const invalidLink = Boolean(params.get('error'));
  const reason = params.get('reason');
  const resend = useMutation({
    mutationFn: () => sendVerificationEmail(email.trim(), verificationTarget(params.get('next'))),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    resend.mutate();
  };

  const title = invalidLink ? 'That link has expired' : 'Check your inbox';
  const description = invalidLink ? (
    <p>The verification link is invalid, expired or was already used. Ask for a new one below.</p>
  ) : reason === 'unverified' ? (
    <p>
      Your email address isn’t verified yet. We’ve sent a new verification link to{' '}
      <strong className="text-slate-900">{knownEmail}</strong>: open it to finish signing in.
    </p>
  ) : (
    <p>
      We’ve sent a verification link to <strong className="text-slate-900">{knownEmail || 'your email address'}</strong>
      . Open it to activate your account; it signs you in and brings you back here.
    </p>
  );

  return (
    <AuthCard
      title={title}
      description={description}
      footer={
        <Link className={linkClass} to={withNext('/login', next)}>
          Back to sign in
        </Link>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {(!knownEmail || invalidLink) && (
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        {!invalidLink && (
          <p className="text-sm text-slate-600">
            Nothing arrived after a few minutes? Check your spam folder, or send it again.
          </p>
        )}
        {resend.isSuccess && <Notice tone="success">A new verification link is on its way to {email.trim()}.</Notice>}
        <ErrorAlert error={resend.error} />
        <Button
          type="submit"
          variant={invalidLink ? 'primary' : 'secondary'}
          className="w-full"
          pending={resend.isPending}
          disabled={!email.trim()}
        >
          Resend verification email
        </Button>
      </form>
    </AuthCard>
  );
}
