import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { signInWithProvider } from './auth-api';

const NAMES: Record<string, string> = { google: 'Google', github: 'GitHub' };

/** Only the providers the server has credentials for (auth-config) get a button. */
export function SocialButtons({ providers, next }: { providers: string[]; next: string }) {
  const start = useMutation({ mutationFn: (provider: string) => signInWithProvider(provider, next) });
  const known = providers.filter((p) => NAMES[p]);
  if (known.length === 0) return null;
  return (
    <div className="mt-6">
      <div className="relative text-center text-xs uppercase tracking-wide text-slate-500">
        <span className="relative z-10 bg-white px-2">or</span>
        <span className="absolute inset-x-0 top-1/2 border-t border-slate-200" aria-hidden="true" />
      </div>
      <div className="mt-4 grid gap-2">
        {known.map((provider) => (
          <Button
            key={provider}
            variant="secondary"
            pending={start.isPending && start.variables === provider}
            disabled={start.isPending}
            onClick={() => start.mutate(provider)}
          >
            Continue with {NAMES[provider]}
          </Button>
        ))}
      </div>
      <ErrorAlert error={start.error} className="mt-3" />
    </div>
  );
}
