import { useState } from 'react';
import { Checkbox } from '../../../components/field';
import { cn } from '../../../lib/cn';
import { diffLines, splitLines } from '../../../lib/line-diff';
import type { AgentConfig } from '../agents-api';
import { compareConfigs, type ConfigNames, type FieldChange } from './config-fields';

interface ConfigDiffProps {
  before: AgentConfig;
  after: AgentConfig;
  beforeLabel: string;
  afterLabel: string;
  names: ConfigNames;
}

/** Two configurations field by field: changed fields first and highlighted, long text diffed by line. */
export function ConfigDiff({ before, after, beforeLabel, afterLabel, names }: ConfigDiffProps) {
  const [showAll, setShowAll] = useState(false);
  const fields = compareConfigs(before, after, names);
  const changed = fields.filter((f) => f.changed);
  const shown = showAll ? fields : changed;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="text-sm font-medium text-slate-800">
          {changed.length === 0
            ? `No differences between ${beforeLabel} and ${afterLabel}.`
            : `${changed.length} field${changed.length === 1 ? '' : 's'} changed from ${beforeLabel} to ${afterLabel}.`}
        </p>
        <Checkbox label="Show unchanged fields" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
      </div>
      {shown.length > 0 && (
        <dl
          className="mt-4 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
          aria-label={`Differences between ${beforeLabel} and ${afterLabel}`}
        >
          {shown.map((field) => (
            <div
              key={field.key}
              data-changed={field.changed || undefined}
              className={cn('grid gap-2 px-4 py-3 sm:grid-cols-[12rem_1fr]', field.changed && 'bg-amber-50/60')}
            >
              <dt className="text-sm font-medium text-slate-800">
                {field.label}
                {field.changed && (
                  <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
                    changed
                  </span>
                )}
              </dt>
              <dd className="min-w-0 text-sm">
                {field.changed ? (
                  <Change field={field} beforeLabel={beforeLabel} afterLabel={afterLabel} />
                ) : (
                  <Value text={field.after} />
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function Value({ text }: { text: string }) {
  return (
    <p className="whitespace-pre-wrap break-words text-slate-700">
      {text || <span className="text-slate-400">(empty)</span>}
    </p>
  );
}

function Change({ field, beforeLabel, afterLabel }: { field: FieldChange; beforeLabel: string; afterLabel: string }) {
  if (field.multiline) {
    const lines = diffLines(splitLines(field.before), splitLines(field.after));
    return (
      <pre
        className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 py-1 font-mono text-xs leading-5"
        aria-label={`Line changes in ${field.label}`}
      >
        {lines.length === 0 && <span className="block px-2 text-slate-400">(empty)</span>}
        {lines.map((line, i) => (
          <span
            key={i}
            className={cn(
              'block whitespace-pre-wrap break-words px-2',
              line.kind === 'added' && 'bg-emerald-100 text-emerald-900',
              line.kind === 'removed' && 'bg-red-100 text-red-900',
              line.kind === 'same' && 'text-slate-600',
            )}
          >
            <span aria-hidden="true" className="select-none pr-2">
              {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}
            </span>
            <span className="sr-only">
              {line.kind === 'added'
                ? `Added in ${afterLabel}: `
                : line.kind === 'removed'
                  ? `Removed from ${beforeLabel}: `
                  : ''}
            </span>
            {line.text || ' '}
          </span>
        ))}
      </pre>
    );
  }
  return (
    <div className="grid gap-1 sm:grid-cols-2 sm:gap-3">
      <p className="break-words rounded bg-red-50 px-2 py-1 text-red-900">
        <span className="block text-xs font-semibold uppercase tracking-wide text-red-700">{beforeLabel}</span>
        <del className="decoration-red-300">{field.before || '(empty)'}</del>
      </p>
      <p className="break-words rounded bg-emerald-50 px-2 py-1 text-emerald-900">
        <span className="block text-xs font-semibold uppercase tracking-wide text-emerald-700">{afterLabel}</span>
        <ins className="no-underline">{field.after || '(empty)'}</ins>
      </p>
    </div>
  );
}
