import { Link } from 'react-router';
import { change } from './analytics-format';

export interface TileData {
  label: string;
  value: string;
  /** The raw numbers compared with the previous period. */
  now: number | null;
  before: number | null;
  /** Where the conversations behind the number are listed (the inbox, filtered). */
  to?: string;
  /** Lower is better (response times, hand-offs): the change reads green when it falls. */
  lowerIsBetter?: boolean;
}

/** The range's numbers, each with its change against the previous period of the same length. */
export function Tiles({ tiles }: { tiles: TileData[] }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      {tiles.map((t) => {
        const delta = change(t.now, t.before);
        const better = delta && delta !== 'new' && delta.startsWith('+') !== Boolean(t.lowerIsBetter);
        return (
          <div key={t.label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-500">{t.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
              {t.to ? (
                <Link
                  to={t.to}
                  className="hover:underline"
                  aria-label={`${t.label}: ${t.value}, see the conversations`}
                >
                  {t.value}
                </Link>
              ) : (
                t.value
              )}
            </dd>
            <dd className="mt-1 text-xs text-slate-500">
              {delta ? (
                <span
                  className={
                    delta.startsWith('±') || delta === 'new' ? '' : better ? 'text-emerald-700' : 'text-red-700'
                  }
                >
                  {delta}
                </span>
              ) : (
                '—'
              )}{' '}
              vs previous period
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
