import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../lib/api';

interface Readiness {
  status: string;
  checks: Record<string, string>;
}

/** What the server reports about its own dependencies (/readyz), for the person installing it. */
export function InstallationStatus() {
  const readiness = useQuery({
    queryKey: ['readyz'],
    queryFn: () => api<Readiness>('/readyz'),
    refetchInterval: 10_000,
  });
  // A 503 still carries the checks, in the envelope's details.
  const checks =
    readiness.data?.checks ??
    (readiness.error instanceof ApiError ? (readiness.error.details as Record<string, string> | undefined) : undefined);
  return (
    <section
      aria-labelledby="status-heading"
      className="rounded-xl border border-slate-200 bg-white p-5 text-left text-sm"
    >
      <h2 id="status-heading" className="font-semibold text-slate-900">
        Installation status
      </h2>
      {readiness.isPending ? (
        <p className="mt-2 text-slate-500">Checking…</p>
      ) : checks ? (
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
          {Object.entries(checks).map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="font-medium capitalize text-slate-700">{name}</dt>
              <dd className={value === 'ok' ? 'text-emerald-700' : 'text-slate-600'} data-testid={`check-${name}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2 text-red-700">The server did not answer: {readiness.error?.message}</p>
      )}
    </section>
  );
}
