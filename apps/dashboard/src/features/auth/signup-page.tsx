import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { FullPageLoading } from '../../components/spinner';
import { fieldErrors } from '../../lib/errors';
import { safeNext, withNext } from '../../lib/redirect';
import { useAuthConfig, useMe } from '../../lib/session';
import { AuthCard, linkClass } from './auth-card';
import { signUp, verificationTarget } from './auth-api';
import { SocialButtons } from './social-buttons';

export function SignupPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const config = useAuthConfig();
  const me = useMe();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const minLength = config.data?.minPasswordLength ?? 10;

  const submit = useMutation({
    mutationFn: () => signUp({ name: name.trim(), email: email.trim(), password, callbackURL: verificationTarget(params.get('next')) }),
    onSuccess: () => {
      const query = new URLSearchParams({ email: email.trim() });
      if (next !== '/') query.set('next', next);
      void navigate(`/verify-email?${query}`);
    },
  });

  if (config.isPending || me.isPending) return <FullPageLoading />;
  if (config.data?.setupNeeded) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={next} replace />;

  const errors = fieldErrors(submit.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const short = password.length < minLength;
    setTooShort(short);
    if (!short) submit.mutate();
  };

  return (
    <AuthCard
      title="Create your account"
      description="Set up AI customer service for your website and messaging channels."
      footer={
        <>
          Already have an account?{' '}
          <Link className={linkClass} to={withNext('/login', next)}>
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField label="Name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <TextField label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={`At least ${minLength} characters.`}
          error={tooShort ? `Use at least ${minLength} characters.` : errors.password}
        />
        {submit.isError && Object.keys(errors).length === 0 && <ErrorAlert error={submit.error} />}
        <Button type="submit" className="w-full" pending={submit.isPending} disabled={!name.trim() || !email.trim() || !password}>
          Sign up
        </Button>
      </form>
      <SocialButtons providers={config.data?.providers ?? []} next={next === '/' ? '/onboarding' : next} />
    </AuthCard>
  );
}
