import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/field';
import { call, useClient } from '../../lib/client';
import { applyServerErrors } from '../../lib/form';
import { useWorkspaceKey } from '../../lib/workspace';
import { actionFormSchema, EMPTY_ACTION, formValuesOf, toRequest, type ActionFormValues } from './action-form';
import { ACTION_METHODS, type Action } from './actions-api';

/** Adds an action, or edits one (`action`). Secret header values are write-only. */
export function ActionDialog({ open, action, onClose }: { open: boolean; action: Action | null; onClose: () => void }) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const form = useForm<ActionFormValues, unknown, import('zod').output<typeof actionFormSchema>>({
    defaultValues: action ? formValuesOf(action) : EMPTY_ACTION,
    resolver: zodResolver(actionFormSchema),
  });
  const headers = useFieldArray({ control: form.control, name: 'headers' });
  const headerValues = useWatch({ control: form.control, name: 'headers' });
  const storedHint = (name: string) => action?.headers.find((h) => h.secret && h.name === name)?.hint;
  // Each opening starts from the action (adjusted while rendering, not after).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) form.reset(action ? formValuesOf(action) : EMPTY_ACTION);
  }
  const save = useMutation({
    mutationFn: async (values: import('zod').output<typeof actionFormSchema>) => {
      const body = toRequest(values);
      if (action) return call(client.PATCH('/api/v1/actions/{id}', { params: { path: { id: action.id } }, body }));
      return call(client.POST('/api/v1/actions', { body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: key('actions') });
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((values) => save.mutate(values));
  const change = (next: boolean) => {
    if (next) return;
    save.reset();
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={change} title={action ? `Edit ${action.name}` : 'Add action'} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
        <TextField
          label="Name"
          required
          {...form.register('name')}
          error={errors.name?.message}
          hint="The tool name the model sees: lowercase letters, digits and underscores (order_status)."
        />
        <TextAreaField
          label="Description for the model"
          required
          rows={2}
          {...form.register('description')}
          error={errors.description?.message}
          hint="When to use it and what it does."
        />
        <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
          <SelectField label="Method" {...form.register('method')}>
            {ACTION_METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </SelectField>
          <TextField
            label="URL"
            required
            {...form.register('url')}
            error={errors.url?.message}
            hint="Placeholders after the host: {{input.orderId}}, {{visitor.userId}} (URL-encoded)."
          />
        </div>
        <TextAreaField
          label="Input (JSON Schema)"
          rows={6}
          className="font-mono text-xs"
          {...form.register('inputSchemaText')}
          error={errors.inputSchemaText?.message}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Headers</legend>
          {headers.fields.map((field, i) => (
            <div key={field.id} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_auto_auto]">
              <TextField
                label="Name"
                {...form.register(`headers.${i}.name`)}
                error={errors.headers?.[i]?.name?.message}
              />
              <TextField
                label="Value"
                type={headerValues[i]?.secret ? 'password' : 'text'}
                placeholder={
                  headerValues[i]?.secret && storedHint(field.name)
                    ? `${storedHint(field.name)} (unchanged)`
                    : undefined
                }
                autoComplete="off"
                {...form.register(`headers.${i}.value`)}
              />
              <Checkbox label="Secret" {...form.register(`headers.${i}.secret`)} />
              <Button
                size="sm"
                variant="ghost-danger"
                onClick={() => headers.remove(i)}
                aria-label={`Remove header ${i + 1}`}
              >
                Remove
              </Button>
            </div>
          ))}
          <Button size="sm" variant="secondary" onClick={() => headers.append({ name: '', value: '', secret: true })}>
            Add header
          </Button>
        </fieldset>
        <TextAreaField
          label="Body (JSON template)"
          rows={3}
          className="font-mono text-xs"
          {...form.register('bodyTemplate')}
          error={errors.bodyTemplate?.message}
          hint='Placeholders become JSON values, so write them without quotes: {"order": {{input.orderId}}}'
        />
        <TextField
          label="Response fields to keep"
          {...form.register('keepText')}
          error={errors.keepText?.message}
          hint="Dotted paths, comma-separated (order.status, order.eta). Empty: the whole response."
        />
        <TextField
          label="Response size cap (bytes)"
          type="number"
          fieldClassName="max-w-xs"
          {...form.register('maxResponseBytes')}
          error={errors.maxResponseBytes?.message}
        />
        <div className="space-y-2">
          <Checkbox label="Enabled" {...form.register('enabled')} />
          <Checkbox
            label="Requires a verified visitor"
            hint="Runs only for visitors your website signed in (identity verification); {{visitor.*}} come from there."
            {...form.register('requiresVerifiedVisitor')}
          />
          <Checkbox
            label="Requires the visitor’s confirmation"
            hint="The widget shows what will happen, with Confirm and Cancel."
            {...form.register('requiresConfirmation')}
          />
        </div>
        {save.isError && <ErrorAlert error={save.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={save.isPending}>
            {action ? 'Save action' : 'Add action'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
