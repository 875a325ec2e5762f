import { zodResolver } from '@hookform/resolvers/zod';
import { updateLeadInput } from '@switchboard/contract/leads';
import { useForm, type Resolver } from 'react-hook-form';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { applyServerErrors } from '../../lib/form';
import type { Lead, LeadPatch, useLeadMutations } from './leads-api';

type Contact = { name: string; email: string; phone: string };
// The server's own rules (blank clears a field; an email must be one); the output is the patch's shape.
const resolver = zodResolver(updateLeadInput) as unknown as Resolver<Contact, unknown, LeadPatch>;
const FIELDS = ['name', 'email', 'phone'] as const;

/** Corrections to name, email and phone; the server validates and audits them. */
export function LeadContactForm({
  lead,
  update,
  onDone,
}: {
  lead: Lead;
  update: ReturnType<typeof useLeadMutations>['update'];
  onDone: () => void;
}) {
  const notify = useToast();
  const form = useForm<Contact, unknown, LeadPatch>({
    defaultValues: { name: lead.name ?? '', email: lead.email ?? '', phone: lead.phone ?? '' },
    resolver,
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((values) => {
    // Only what changed is sent (and audited).
    const patch: LeadPatch = Object.fromEntries(
      FIELDS.filter((k) => (values[k] ?? null) !== lead[k]).map((k) => [k, values[k] ?? null]),
    );
    if (!Object.keys(patch).length) return onDone();
    update.mutate(patch, {
      onSuccess: () => {
        notify('Contact details saved.');
        onDone();
      },
      onError: (error) => applyServerErrors(form, error),
    });
  });
  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-3" noValidate aria-label="Edit contact details">
      <TextField label="Name" {...form.register('name')} error={errors.name?.message} autoComplete="off" />
      <TextField
        label="Email"
        type="email"
        {...form.register('email')}
        error={errors.email?.message}
        autoComplete="off"
      />
      <TextField
        label="Phone"
        type="tel"
        {...form.register('phone')}
        error={errors.phone?.message}
        autoComplete="off"
      />
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
