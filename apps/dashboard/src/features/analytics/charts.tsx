import { useId } from 'react';
import { Table, TBody, Td, Th } from '../../components/table';
import { formatNumber } from './analytics-format';

/**
 * Charts drawn as plain SVG: a few hundred bytes of code instead of a charting library, a
 * <title> and an aria label for screen readers, and the same numbers as a table beside it.
 */

export interface Series {
  key: string;
  name: string;
  /** A Tailwind stroke/fill colour class pair, e.g. 'stroke-indigo-600 fill-indigo-600'. */
  className: string;
}

const W = 640;
const H = 200;
const PAD = { left: 40, right: 12, top: 12, bottom: 24 };

export function LineChart({
  title,
  labels,
  series,
  values,
}: {
  title: string;
  labels: string[];
  series: Series[];
  /** values[s][i]: series s at label i. */
  values: number[][];
}) {
  const id = useId();
  const max = Math.max(1, ...values.flat());
  const x = (i: number) => PAD.left + (labels.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (labels.length - 1));
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const summary = series
    .map((s, i) => `${s.name}: ${formatNumber(values[i]!.reduce((a, b) => a + b, 0))} in total`)
    .join('; ');
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption id={id} className="mb-2 font-medium text-slate-900">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={id} className="h-auto w-full">
        <title>{`${title}. ${summary}.`}</title>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
          {formatNumber(max)}
        </text>
        <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
          0
        </text>
        {labels.length > 0 && (
          <>
            <text x={x(0)} y={H - 6} className="fill-slate-500 text-[10px]">
              {labels[0]}
            </text>
            <text x={x(labels.length - 1)} y={H - 6} textAnchor="end" className="fill-slate-500 text-[10px]">
              {labels.at(-1)}
            </text>
          </>
        )}
        {series.map((s, si) => (
          <g key={s.key} className={s.className}>
            <polyline fill="none" strokeWidth={2} points={values[si]!.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
            {values[si]!.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r={2.5} className="stroke-none">
                <title>{`${labels[i]}: ${formatNumber(v)} ${s.name.toLowerCase()}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul className="mt-2 flex gap-4 text-sm text-slate-600">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <svg aria-hidden="true" className={`h-2.5 w-2.5 ${s.className}`} viewBox="0 0 10 10">
              <rect width="10" height="10" rx="2" />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <DataTable
        label={`${title} as a table`}
        header={['Period', ...series.map((s) => s.name)]}
        rows={labels.map((label, i) => [label, ...values.map((v) => formatNumber(v[i]!))])}
      />
    </figure>
  );
}

/** Horizontal bars, one per category, with its count at the end. */
export function BarChart({ title, rows }: { title: string; rows: Array<{ name: string; value: number }> }) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.value));
  // Narrower than the line chart: bars sit in half-width columns, and the text scales with the box.
  const BW = 360;
  const rowH = 22;
  const labelW = 100;
  const height = rows.length * rowH;
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption id={id} className="mb-2 font-medium text-slate-900">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${BW} ${height}`} role="img" aria-labelledby={id} className="h-auto w-full">
        <title>{`${title}: ${rows.map((r) => `${r.name} ${formatNumber(r.value)}`).join(', ')}.`}</title>
        {rows.map((r, i) => {
          const width = ((BW - labelW - 40) * r.value) / max;
          return (
            <g key={r.name} transform={`translate(0 ${i * rowH})`}>
              <text x={labelW - 8} y={15} textAnchor="end" className="fill-slate-700 text-[11px]">
                {r.name}
              </text>
              <rect
                x={labelW}
                y={5}
                height={16}
                width={Math.max(width, r.value > 0 ? 2 : 0)}
                rx={3}
                className="fill-indigo-500"
              />
              <text x={labelW + width + 6} y={15} className="fill-slate-600 text-[11px]">
                {formatNumber(r.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        label={`${title} as a table`}
        header={['', 'Count']}
        rows={rows.map((r) => [r.name, formatNumber(r.value)])}
      />
    </figure>
  );
}

function DataTable({ label, header, rows }: { label: string; header: string[]; rows: string[][] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-600">Show the numbers</summary>
      <Table label={label} className="mt-2">
        <thead>
          <tr>
            {header.map((h) => (
              <Th key={h}>{h}</Th>
            ))}
          </tr>
        </thead>
        <TBody>
          {rows.map((r) => (
            <tr key={r[0]}>
              {r.map((c, i) => (
                <Td key={i} className={i > 0 ? 'text-right tabular-nums' : undefined}>
                  {c}
                </Td>
              ))}
            </tr>
          ))}
        </TBody>
      </Table>
    </details>
  );
}
