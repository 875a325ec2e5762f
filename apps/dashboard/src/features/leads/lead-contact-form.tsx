import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import type { Lead, useLeadMutations } from './leads-api';

/** Corrections to name, email and phone; the server validates and audits them. */
export function LeadContactForm({ lead, update, onDone }: { lead: Lead; update: ReturnType<typeof useLeadMutations>['update']; onDone: () => void }) {
  const notify = useToast();
  const [draft, setDraft] = useState({ name: lead.name ?? '', email: lead.email ?? '', phone: lead.phone ?? '' });
  const errors = fieldErrors(update.error);
  const set = (name: keyof typeof draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = Object.fromEntries((Object.keys(draft) as Array<keyof typeof draft>).filter((k) => draft[k].trim() !== (lead[k] ?? '')).map((k) => [k, draft[k].trim() || null]));
    if (!Object.keys(patch).length) return onDone();
    update.mutate(patch, {
      onSuccess: () => {
        notify('Contact details saved.');
        onDone();
      },
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-label="Edit contact details">
      <TextField label="Name" value={draft.name} onChange={set('name')} error={errors.name} autoComplete="off" />
      <TextField label="Email" type="email" value={draft.email} onChange={set('email')} error={errors.email} autoComplete="off" />
      <TextField label="Phone" type="tel" value={draft.phone} onChange={set('phone')} error={errors.phone} autoComplete="off" />
      {!Object.keys(errors).length && <ErrorAlert error={update.error} />}
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={update.isPending}>
          Save
        </Button>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            update.reset();
            onDone();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
