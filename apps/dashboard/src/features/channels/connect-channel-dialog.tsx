import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { fieldErrors } from '../../lib/errors';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import type { AgentSummary } from './channels-api';
import { PLATFORMS, type ChannelConnection, type ChannelType } from './messaging-api';

/** Connects a messaging account: what to do on the platform's side, then its credentials. */
export function ConnectChannelDialog({
  open,
  onOpenChange,
  agents,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  agents: AgentSummary[];
}) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const [type, setType] = useState<ChannelType>('telegram');
  const [name, setName] = useState('');
  const [agentId, setAgentId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const platform = PLATFORMS[type];
  const create = useMutation({
    mutationFn: () => {
      const credentials = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      return workspaceApi<{ channel: ChannelConnection }>('/api/v1/channels', {
        method: 'POST',
        json: { type, name: name.trim() || platform.label, agentId: agentId || agents[0]?.id, credentials },
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: key('channel-connections') });
      change(false);
    },
  });
  const change = (next: boolean) => {
    if (!next) {
      setName('');
      setValues({});
      create.reset();
    }
    onOpenChange(next);
  };
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const missing = platform.fields.some((f) => !f.optional && !values[f.name]?.trim());

  return (
    <Dialog open={open} onOpenChange={change} title="Connect a messaging channel" size="lg">
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <SelectField
          label="Platform"
          value={type}
          onChange={(e) => {
            setType(e.target.value as ChannelType);
            setValues({});
            create.reset();
          }}
        >
          {Object.entries(PLATFORMS).map(([value, p]) => (
            <option key={value} value={value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
          {platform.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <SelectField
          label="Answered by"
          value={agentId || agents[0]?.id || ''}
          onChange={(e) => setAgentId(e.target.value)}
        >
          {agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Name"
          placeholder={`${platform.label} support`}
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
        />
        {platform.fields.map((field) => (
          <TextField
            key={`${type}.${field.name}`}
            label={field.label}
            required={!field.optional}
            type={field.secret ? 'password' : 'text'}
            autoComplete="off"
            value={values[field.name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
            error={
              errors[`credentials.${field.name}`] ??
              (field.name === platform.fields[0]!.name ? errors.credentials : undefined)
            }
            {...(field.hint && { hint: field.hint })}
          />
        ))}
        {create.isError && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending} disabled={missing || agents.length === 0}>
            Connect
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
