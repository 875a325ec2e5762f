import {
  createReportInput,
  REPORT_FREQUENCIES,
  REPORT_LANGUAGES,
  REPORT_METRICS,
} from '@switchboard/contract/analytics-reports';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { call, useClient } from '../../lib/client';
import { applyServerErrors } from '../../lib/form';
import { useWorkspaceKey } from '../../lib/workspace';
import { useAgents } from '../agents/agents-api';
import { FREQUENCY_LABELS, LANGUAGE_LABELS, METRIC_LABELS, type AnalyticsReport } from './reports-api';

type Values = {
  name: string;
  frequency: AnalyticsReport['frequency'];
  language: AnalyticsReport['language'];
  agentId: string;
  metrics: AnalyticsReport['metrics'];
  recipients: string;
};

const DEFAULT_METRICS: AnalyticsReport['metrics'] = ['conversations', 'botResolved', 'handedOff', 'csat'];
const splitRecipients = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);

function initial(report: AnalyticsReport | null): Values {
  return {
    name: report?.name ?? '',
    frequency: report?.frequency ?? 'weekly',
    language: report?.language ?? 'en',
    agentId: report?.agentId ?? '',
    metrics: report?.metrics ?? DEFAULT_METRICS,
    recipients: report?.recipients.join('\n') ?? '',
  };
}

/** Creates a report, or edits one: the contract's schema checks the form before the server does. */
export function ReportDialog({
  report,
  open,
  onOpenChange,
}: {
  report: AnalyticsReport | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const agents = useAgents();
  const form = useForm<Values>({ values: initial(report) });
  const metrics = useWatch({ control: form.control, name: 'metrics' });
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof createReportInput.parse>) =>
      report
        ? call(client.PATCH('/api/v1/analytics/reports/{id}', { params: { path: { id: report.id } }, body }))
        : call(client.POST('/api/v1/analytics/reports', { body })),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: key('analytics', 'reports') });
      notify(report ? 'Report saved.' : `Report “${result.report.name}” scheduled.`);
      change(false);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  function change(next: boolean) {
    if (!next) {
      form.reset(initial(report));
      save.reset();
    }
    onOpenChange(next);
  }
  const onSubmit = form.handleSubmit((values) => {
    const parsed = createReportInput.safeParse({
      name: values.name,
      frequency: values.frequency,
      language: values.language,
      agentId: values.agentId || null,
      metrics: values.metrics,
      recipients: splitRecipients(values.recipients),
      enabled: report?.enabled ?? true,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name') as keyof Values;
        form.setError(field, { type: 'schema', message: issue.message });
      }
      return;
    }
    save.mutate(parsed.data);
  });
  const toggle = (metric: AnalyticsReport['metrics'][number], on: boolean) =>
    form.setValue(
      'metrics',
      on ? REPORT_METRICS.filter((m) => m === metric || metrics.includes(m)) : metrics.filter((m) => m !== metric),
      {
        shouldValidate: false,
      },
    );
  const errors = form.formState.errors;
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      size="lg"
      title={report ? 'Edit report' : 'Schedule a report'}
      description="A PDF of the chosen numbers, mailed in your workspace’s time zone, with a link to this page."
    >
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
        <TextField label="Name" required autoFocus {...form.register('name')} error={errors.name?.message} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Frequency" {...form.register('frequency')} error={errors.frequency?.message}>
            {REPORT_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Language" {...form.register('language')} error={errors.language?.message}>
            {REPORT_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_LABELS[l]}
              </option>
            ))}
          </SelectField>
        </div>
        <SelectField label="Agent" {...form.register('agentId')} error={errors.agentId?.message}>
          <option value="">All agents</option>
          {agents.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Numbers</legend>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {REPORT_METRICS.map((m) => (
              <Checkbox
                key={m}
                label={METRIC_LABELS[m]}
                checked={metrics.includes(m)}
                onChange={(e) => toggle(m, e.target.checked)}
              />
            ))}
          </div>
          {errors.metrics && <p className="mt-1 text-sm text-red-700">{errors.metrics.message}</p>}
        </fieldset>
        <TextAreaField
          label="Recipients"
          rows={3}
          placeholder={'lead@example.com\nmanager@example.com'}
          hint="One address per line (at most 20). Each mail has a link to unsubscribe."
          {...form.register('recipients')}
          error={errors.recipients?.message}
        />
        {save.isError && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={save.isPending}>
            {report ? 'Save report' : 'Schedule report'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
