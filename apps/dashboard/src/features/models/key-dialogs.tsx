import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { PROVIDER_LABELS, PROVIDERS, type Provider } from '../agents/agents-api';
import { providerKeyPath, type ProviderKey } from './models-api';

const BASE_URL_HINT: Record<Provider, string> = {
  openai: 'Leave empty for api.openai.com.',
  anthropic: 'Leave empty for api.anthropic.com.',
  google: 'Leave empty for Google’s API.',
  'openai-compatible':
    'Your server’s OpenAI-compatible address, e.g. http://ollama.internal:11434/v1 (Ollama), vLLM, LM Studio or https://openrouter.ai/api/v1.',
};

/** Adds a key: stored encrypted, and from then on only its last four characters are ever shown. */
export function AddKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [provider, setProvider] = useState<Provider>('openai');
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const create = useMutation({
    mutationFn: () =>
      workspaceApi<{ key: ProviderKey }>('/api/v1/provider-keys', {
        method: 'POST',
        json: { provider, label: label.trim(), apiKey: apiKey.trim() || null, baseUrl: baseUrl.trim() || null },
      }),
    onSuccess: ({ key: created }) => {
      void queryClient.invalidateQueries({ queryKey: key('provider-keys') });
      notify(`Key “${created.label}” added.`);
      change(false);
    },
  });
  const change = (next: boolean) => {
    if (!next) {
      setProvider('openai');
      setLabel('');
      setApiKey('');
      setBaseUrl('');
      create.reset();
    }
    onOpenChange(next);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = fieldErrors(create.error);
  const compatible = provider === 'openai-compatible';
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Add a model key"
      description="Agents of this workspace can then use it instead of the platform’s key."
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <SelectField
          label="Provider"
          value={provider}
          onChange={(e) => setProvider(e.target.value as Provider)}
          error={errors.provider}
        >
          {PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {PROVIDER_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Label"
          required
          maxLength={80}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={errors.label}
          hint="For you to recognise it, e.g. “Production OpenAI”."
        />
        <TextField
          label={compatible ? 'API key (if the server needs one)' : 'API key'}
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          error={errors.apiKey}
          hint="Stored encrypted. It is never shown again, only its last four characters."
        />
        <TextField
          label={compatible ? 'Base URL' : 'Base URL (optional)'}
          type="url"
          inputMode="url"
          maxLength={500}
          required={compatible}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          error={errors.baseUrl}
          hint={BASE_URL_HINT[provider]}
        />
        {create.isError && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending} disabled={!label.trim()}>
            Add key
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Renames a key, and optionally replaces the secret or the server address. */
export function EditKeyDialog({ target, onClose }: { target: ProviderKey; onClose: () => void }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [label, setLabel] = useState(target.label);
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(target.baseUrl ?? '');
  const save = useMutation({
    mutationFn: () => {
      const json: Record<string, unknown> = {};
      if (label.trim() !== target.label) json.label = label.trim();
      if (apiKey.trim()) json.apiKey = apiKey.trim();
      if ((baseUrl.trim() || null) !== target.baseUrl) json.baseUrl = baseUrl.trim() || null;
      return workspaceApi<{ key: ProviderKey }>(providerKeyPath(target.id), { method: 'PATCH', json });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key('provider-keys') });
      notify('Key saved.');
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const unchanged = label.trim() === target.label && !apiKey.trim() && (baseUrl.trim() || null) === target.baseUrl;
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Edit “${target.label}”`}
      description={`${PROVIDER_LABELS[target.provider]}${target.keyPreview ? ` · key ${target.keyPreview}` : ''}`}
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextField
          label="Label"
          required
          autoFocus
          maxLength={80}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={errors.label}
        />
        <TextField
          label="Replace the API key (optional)"
          type="password"
          autoComplete="off"
          maxLength={500}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          error={errors.apiKey}
          hint="Leave empty to keep the current key."
        />
        <TextField
          label="Base URL"
          type="url"
          maxLength={500}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          error={errors.baseUrl}
          hint={BASE_URL_HINT[target.provider]}
        />
        {save.isError && Object.keys(errors).length === 0 && <ErrorAlert error={save.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={save.isPending} disabled={!label.trim() || unchanged}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
