import { cn } from '../../lib/cn';

type Values = Record<string, unknown> | null;

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Before and after as a field-by-field table, changed fields highlighted. */
export function AuditDiff({ before, after }: { before: Values; after: Values }) {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (fields.length === 0) return <p className="text-sm text-slate-500">No details recorded.</p>;
  return (
    <table className="w-full max-w-3xl text-left text-sm">
      <caption className="sr-only">Changes</caption>
      <thead>
        <tr className="text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="py-1 pr-4 font-semibold">
            Field
          </th>
          {before && (
            <th scope="col" className="py-1 pr-4 font-semibold">
              Before
            </th>
          )}
          {after && (
            <th scope="col" className="py-1 font-semibold">
              After
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const was = before?.[field];
          const now = after?.[field];
          const changed = before && after && JSON.stringify(was) !== JSON.stringify(now);
          return (
            <tr key={field} className="align-top">
              <th scope="row" className="py-1 pr-4 font-medium text-slate-700">
                {field}
              </th>
              {before && (
                <td
                  className={cn(
                    'break-all py-1 pr-4 font-mono text-xs',
                    changed ? 'text-red-700 line-through decoration-red-300' : 'text-slate-700',
                  )}
                >
                  {show(was)}
                </td>
              )}
              {after && (
                <td
                  className={cn(
                    'break-all py-1 font-mono text-xs',
                    changed ? 'font-semibold text-emerald-800' : 'text-slate-700',
                  )}
                >
                  {show(now)}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
