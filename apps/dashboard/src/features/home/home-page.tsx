import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../lib/api';

interface Readiness {
  status: string;
  checks: Record<string, string>;
}

function useReadiness() {
  return useQuery({
    queryKey: ['readyz'],
    queryFn: () => api<Readiness>('/readyz'),
    refetchInterval: 10_000,
  });
}

/** The landing page until sign-in arrives: what is running and where to go next. */
export function HomePage() {
  const readiness = useReadiness();
  const checks = readiness.data?.checks ?? (readiness.error instanceof ApiError ? (readiness.error.details as Record<string, string>) : undefined);
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <div className="flex items-center gap-3">
        <img src="/favicon.svg" alt="" className="h-10 w-10" />
        <h1 className="text-3xl font-semibold tracking-tight">Switchboard</h1>
      </div>
      <p className="mt-4 text-lg text-slate-600">
        AI customer service for your website and messaging channels, with a live inbox for your team.
      </p>
      <section aria-labelledby="status-heading" className="mt-10 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="status-heading" className="text-base font-semibold">
          Installation status
        </h2>
        {readiness.isPending ? (
          <p className="mt-3 text-slate-500">Checking…</p>
        ) : (
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            {Object.entries(checks ?? {}).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-medium capitalize text-slate-700">{name}</dt>
                <dd className={value === 'ok' ? 'text-emerald-700' : 'text-slate-600'} data-testid={`check-${name}`}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {readiness.isError && !checks && <p className="mt-3 text-red-700">The server did not answer: {readiness.error.message}</p>}
      </section>
      <nav aria-label="Next steps" className="mt-8 flex flex-wrap gap-3 text-sm">
        <a className="rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600" href="/api/docs">
          API reference
        </a>
        <a className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50" href="/metrics">
          Metrics
        </a>
      </nav>
      <p className="mt-10 text-sm text-slate-500">Sign-up, workspaces and the rest of the dashboard arrive with the accounts module.</p>
    </main>
  );
}
