import { useMutation } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { FullPageLoading } from '../../components/spinner';
import { applyServerErrors, lazyZodResolver } from '../../lib/form';
import { safeNext, withNext } from '../../lib/redirect';
import { useAuthConfig, useMe } from '../../lib/session';
import { AuthCard, linkClass } from './auth-card';
import { signUp, verificationTarget } from './auth-api';
import { SocialButtons } from './social-buttons';

interface SignUpValues {
  name: string;
  email: string;
  password: string;
}

// The server's own rules for a new account (the contract's newAccountInput).
const resolver = lazyZodResolver<SignUpValues>(() =>
  import('@switchboard/contract/accounts').then((m) => m.newAccountInput),
);

export function SignupPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const config = useAuthConfig();
  const me = useMe();
  const navigate = useNavigate();
  const form = useForm<SignUpValues>({
    defaultValues: { name: '', email: params.get('email') ?? '', password: '' },
    resolver,
  });
  const [name, email, password] = useWatch({ control: form.control, name: ['name', 'email', 'password'] });
  const minLength = config.data?.minPasswordLength ?? 10;

  const submit = useMutation({
    mutationFn: (values: SignUpValues) => signUp({ ...values, callbackURL: verificationTarget(params.get('next')) }),
    onSuccess: (_result, values) => {
      const query = new URLSearchParams({ email: values.email });
      if (next !== '/') query.set('next', next);
      void navigate(`/verify-email?${query}`);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  if (config.isPending || me.isPending) return <FullPageLoading />;
  if (config.data?.setupNeeded) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={next} replace />;

  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => {
    // This installation may ask for more than the contract's minimum.
    if (values.password.length < minLength)
      form.setError('password', { message: `Use at least ${minLength} characters.` }, { shouldFocus: true });
    else submit.mutate(values);
  });

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
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
        <TextField label="Name" autoComplete="name" required {...form.register('name')} error={errors.name?.message} />
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
          autoComplete="new-password"
          required
          minLength={minLength}
          {...form.register('password')}
          hint={`At least ${minLength} characters.`}
          error={errors.password?.message}
        />
        {submit.isError && Object.keys(errors).length === 0 && <ErrorAlert error={submit.error} />}
        <Button
          type="submit"
          className="w-full"
          pending={submit.isPending}
          disabled={!name.trim() || !email.trim() || !password}
        >
          Sign up
        </Button>
      </form>
      <SocialButtons providers={config.data?.providers ?? []} next={next === '/' ? '/onboarding' : next} />
    </AuthCard>
  );
}
