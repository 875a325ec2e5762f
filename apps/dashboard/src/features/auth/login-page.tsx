import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Checkbox, TextField } from '../../components/field';
import { FullPageLoading } from '../../components/spinner';
import { isApiError } from '../../lib/errors';
import { lazyZodResolver } from '../../lib/form';
import { safeNext, withNext } from '../../lib/redirect';
import { useAuthConfig, useMe, useResetSession } from '../../lib/session';
import { AuthCard, linkClass } from './auth-card';
import { signIn } from './auth-api';
import { SocialButtons } from './social-buttons';
import { TwoFactorForm } from './two-factor-form';

interface SignInValues {
  email: string;
  password: string;
  rememberMe: boolean;
}

const resolver = lazyZodResolver<SignInValues>(() =>
  import('@switchboard/contract/accounts').then((m) => m.signInInput),
);

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const providerError = params.get('error');
  const config = useAuthConfig();
  const me = useMe();
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const form = useForm<SignInValues>({
    defaultValues: { email: params.get('email') ?? '', password: '', rememberMe: true },
    resolver,
  });
  const [email, password] = useWatch({ control: form.control, name: ['email', 'password'] });
  const errors = form.formState.errors;
  const [twoFactor, setTwoFactor] = useState(false);

  const finish = async () => {
    await resetSession();
    void navigate(next, { replace: true });
  };

  const submit = useMutation({
    mutationFn: (values: SignInValues) => signIn({ ...values, callbackURL: next }),
    onSuccess: async (result) => {
      if (result.twoFactorRedirect) setTwoFactor(true);
      else await finish();
    },
    onError: (error, values) => {
      if (isApiError(error, 'email_not_verified')) {
        void navigate(
          `/verify-email?${new URLSearchParams({ email: values.email, reason: 'unverified', ...(next !== '/' ? { next } : {}) })}`,
        );
      }
    },
  });

  if (config.isPending || me.isPending) return <FullPageLoading />;
  if (config.data?.setupNeeded) return <Navigate to="/setup" replace />;
  if (me.data && !submit.isPending && !twoFactor) return <Navigate to={next} replace />;

  if (twoFactor) {
    return (
      <AuthCard title="Two-factor authentication" description="Enter the 6-digit code from your authenticator app.">
        <TwoFactorForm onVerified={finish} onCancel={() => setTwoFactor(false)} />
      </AuthCard>
    );
  }

  const onSubmit = form.handleSubmit((values) => submit.mutate(values));

  return (
    <AuthCard
      title="Sign in to Switchboard"
      footer={
        <>
          New here?{' '}
          <Link className={linkClass} to={withNext('/signup', next)}>
            Create an account
          </Link>
        </>
      }
    >
      {providerError && (
        <ErrorAlert className="mb-4">{`Signing in with that provider did not work (${providerError.replace(/_/g, ' ')}). Try again or use your email.`}</ErrorAlert>
      )}
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          {...form.register('email')}
          error={errors.email?.message}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          {...form.register('password')}
          error={errors.password?.message}
        />
        <div className="flex items-center justify-between gap-4">
          <Checkbox label="Keep me signed in" {...form.register('rememberMe')} />
          <Link className={`${linkClass} text-sm`} to="/forgot-password">
            Forgot password?
          </Link>
        </div>
        {submit.isError && !isApiError(submit.error, 'email_not_verified') && (
          <ErrorAlert error={submit.error}>
            {isApiError(submit.error, 'account_locked') && (
              <p className="mt-1">
                <Link className="font-medium underline" to="/forgot-password">
                  Reset your password
                </Link>
              </p>
            )}
          </ErrorAlert>
        )}
        <Button type="submit" className="w-full" pending={submit.isPending} disabled={!email || !password}>
          Sign in
        </Button>
      </form>
      <SocialButtons providers={config.data?.providers ?? []} next={next} />
    </AuthCard>
  );
}
