import { useEffect, useEffectEvent, useState } from 'react';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { LEAD_STATUSES, useAgentNames, type LeadFilters as Filters } from './leads-api';
import { SOURCE_LABELS, STATUS_LABELS } from './lead-status';

/** Search as you type (debounced); the selects and dates apply at once. */
export function LeadFilters({ value, onChange }: { value: Filters; onChange: (filters: Filters) => void }) {
  const agents = useAgentNames();
  const [search, setSearch] = useState(value.q ?? '');
  const settled = useDebouncedValue(search, 300);
  // Only a settled search applies; the other filters change through `set`.
  const apply = useEffectEvent((q: string) => {
    if ((value.q ?? '') !== q) onChange({ ...value, q: q || undefined });
  });
  useEffect(() => apply(settled.trim()), [settled]);
  // Cleared or changed elsewhere (the empty state's "Clear filters", a shared link).
  const [shownQ, setShownQ] = useState(value.q);
  if (shownQ !== value.q) {
    setShownQ(value.q);
    if ((value.q ?? '') !== settled.trim()) setSearch(value.q ?? '');
  }
  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    onChange({ ...value, [name]: event.target.value || undefined });
  const active = Object.values(value).some(Boolean);
  return (
    <div
      role="search"
      aria-label="Filter leads"
      className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          label="Search"
          type="search"
          placeholder="Name, email, phone or any field"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          fieldClassName="lg:col-span-2"
        />
        <SelectField label="Status" value={value.status ?? ''} onChange={set('status')}>
          <option value="">Any</option>
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Agent" value={value.agentId ?? ''} onChange={set('agentId')}>
          <option value="">Any</option>
          {agents.data?.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Source" value={value.source ?? ''} onChange={set('source')}>
          <option value="">Any</option>
          {Object.entries(SOURCE_LABELS).map(([source, label]) => (
            <option key={source} value={source}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField label="Created from" type="date" value={value.from ?? ''} onChange={set('from')} max={value.to} />
        <TextField label="Created to" type="date" value={value.to ?? ''} onChange={set('to')} min={value.from} />
      </div>
      {active && (
        <div className="mt-4">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setSearch('');
              onChange({});
            }}
          >
            Clear filters
          </Button>
        </div>
      )}
    </div>
  );
}
