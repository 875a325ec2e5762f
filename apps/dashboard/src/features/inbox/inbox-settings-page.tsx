import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Checkbox, TextAreaField, TextField } from '../../components/field';
import { PageHeader, Section } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { call, useClient } from '../../lib/client';
import { useWorkspace, useWorkspaceKey } from '../../lib/workspace';
import { fromForm, toForm, WEEKDAY_LABELS, WEEKDAYS, type HandoffSettings, type SettingsForm } from './settings-form';
import { TeamCapacity } from './team-capacity';
import { WaitingFields } from './waiting-fields';

function Form({ initial }: { initial: HandoffSettings }) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [form, setForm] = useState<SettingsForm>(() => toForm(initial));
  const set = (patch: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...patch }));
  const save = useMutation({
    mutationFn: () => call(client.PUT('/api/v1/inbox/settings', { body: fromForm(form) })),
    onSuccess: ({ settings }) => {
      queryClient.setQueryData(key('inbox', 'settings'), settings);
      setForm(toForm(settings));
      notify('Inbox settings saved.');
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <Section
        title="Business hours"
        description="Outside them, visitors who ask for a person are told when to expect an answer and asked for their email or phone number."
      >
        <div className="space-y-4">
          <Checkbox
            label="Use business hours"
            hint="Off: people are considered available at any time."
            checked={form.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          <TextField
            label="Time zone"
            hint="A name like Europe/Paris or America/New_York"
            value={form.timezone}
            onChange={(e) => set({ timezone: e.target.value })}
            error={errors['businessHours.timezone']}
            list="time-zones"
            fieldClassName="max-w-sm"
          />
          <datalist id="time-zones">
            {(Intl.supportedValuesOf?.('timeZone') ?? []).map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <div className="grid gap-3 sm:grid-cols-2">
            {WEEKDAYS.map((day) => (
              <TextField
                key={day}
                label={WEEKDAY_LABELS[day]}
                placeholder="Closed"
                hint="Like 09:00-12:00, 13:00-17:00"
                value={form.days[day]}
                onChange={(e) => set({ days: { ...form.days, [day]: e.target.value } })}
                error={Object.entries(errors).find(([path]) => path.startsWith(`businessHours.weekly.${day}`))?.[1]}
              />
            ))}
          </div>
          <TextAreaField
            label="Holidays"
            hint="Closed all day: one date per line, YYYY-MM-DD"
            rows={3}
            value={form.holidays}
            onChange={(e) => set({ holidays: e.target.value })}
            error={Object.entries(errors).find(([path]) => path.startsWith('businessHours.holidays'))?.[1]}
            fieldClassName="max-w-sm"
          />
        </div>
      </Section>
      <Section
        title="VIP visitors"
        description="Recognised by their email domain or a field your site sends with the conversation."
      >
        <div className="space-y-4">
          <TextField
            label="Email domains"
            hint="Comma-separated, like bigcorp.com (subdomains count too)"
            value={form.emailDomains}
            onChange={(e) => set({ emailDomains: e.target.value })}
            error={Object.entries(errors).find(([p]) => p.startsWith('vip.emailDomains'))?.[1]}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Metadata field"
              hint="Like plan or vip"
              value={form.metadataKey}
              onChange={(e) => set({ metadataKey: e.target.value })}
            />
            <TextField
              label="Values that make a VIP"
              hint="Comma-separated; empty: any value"
              value={form.metadataValues}
              onChange={(e) => set({ metadataValues: e.target.value })}
            />
          </div>
          <Checkbox
            label="Send VIPs to a person at their first message"
            checked={form.vipHandoff}
            onChange={(e) => set({ vipHandoff: e.target.checked })}
          />
        </div>
      </Section>
      <Section title="Assignment and notifications">
        <div className="space-y-4">
          <Checkbox
            label="Assign new conversations automatically"
            hint="Round-robin among online members who have room (their capacity)."
            checked={form.autoAssign}
            onChange={(e) => set({ autoAssign: e.target.checked })}
          />
          <TextField
            label="Default capacity"
            hint="Open conversations a member holds at most"
            type="number"
            min={1}
            max={100}
            value={form.defaultCapacity}
            onChange={(e) => set({ defaultCapacity: e.target.value })}
            error={errors.defaultCapacity}
            fieldClassName="max-w-[12rem]"
          />
          <Checkbox
            label="Email on-duty members who are offline about conversations waiting"
            checked={form.notifyByEmail}
            onChange={(e) => set({ notifyByEmail: e.target.checked })}
          />
        </div>
      </Section>
      <Section title="While a visitor waits for a person" description="Also shown beside each agent’s hand-off rules.">
        <WaitingFields value={form.waiting} onChange={(waiting) => set({ waiting })} errors={errors} />
      </Section>
      {save.isError && <ErrorAlert error={save.error} />}
      <Button type="submit" pending={save.isPending}>
        Save settings
      </Button>
    </form>
  );
}

/** /w/:id/inbox/settings (admins): business hours, the VIP rule, auto-assignment, capacities. */
export function InboxSettingsPage() {
  const { workspace } = useWorkspace();
  const client = useClient();
  const key = useWorkspaceKey();
  const settings = useQuery({
    queryKey: key('inbox', 'settings'),
    queryFn: async () => (await call(client.GET('/api/v1/inbox/settings'))).settings,
  });
  return (
    <>
      <PageHeader
        title="Inbox settings"
        description={
          <Link className="text-indigo-700 underline" to={`/w/${workspace.id}/inbox`}>
            Back to the inbox
          </Link>
        }
      />
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <Form initial={settings.data} />
      )}
      <div className="mt-6">
        <TeamCapacity />
      </div>
    </>
  );
}
