import { useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { useMembers } from '../team/team-api';
import { KNOWN_ACTIONS, TARGET_TYPES, type AuditFilters as Filters } from './audit-api';

export function AuditFilters({ value, onChange }: { value: Filters; onChange: (filters: Filters) => void }) {
  const members = useMembers();
  const [draft, setDraft] = useState<Filters>(value);
  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const active = Object.values(value).some(Boolean);
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Filter the audit log"
      className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          label="Action"
          list="audit-actions"
          placeholder="e.g. member."
          value={draft.action ?? ''}
          onChange={set('action')}
          hint="Matches the start: “member.” lists every member change."
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <SelectField label="Actor" value={draft.actorId ?? ''} onChange={set('actorId')}>
          <option value="">Anyone</option>
          {members.data?.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name ? `${m.name} (${m.email})` : m.email}
            </option>
          ))}
        </SelectField>
        <SelectField label="Target type" value={draft.targetType ?? ''} onChange={set('targetType')}>
          <option value="">Any</option>
          {Object.entries(TARGET_TYPES).map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField label="Target ID" value={draft.targetId ?? ''} onChange={set('targetId')} />
        <TextField label="From" type="date" value={draft.from ?? ''} onChange={set('from')} />
        <TextField label="To" type="date" value={draft.to ?? ''} onChange={set('to')} />
      </div>
      <div className="mt-4 flex gap-2">
        <Button type="submit">Apply filters</Button>
        {active && (
          <Button
            variant="secondary"
            onClick={() => {
              setDraft({});
              onChange({});
            }}
          >
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}
