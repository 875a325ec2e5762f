import { useId } from 'react';
import { Link } from 'react-router';
import { Notice } from '../../../components/alert';
import { SelectField, TextField } from '../../../components/field';
import { useCan, useWorkspace } from '../../../lib/workspace';
import { MODEL_SUGGESTIONS, type ProviderKey } from '../../models/models-api';
import { PROVIDER_LABELS, PROVIDERS, type ModelChoice, type Provider } from '../agents-api';

interface ModelPickerProps {
  legend: string;
  noneLabel: string;
  value: ModelChoice | null;
  onChange: (value: ModelChoice | null) => void;
  /** The API's field path, for its error messages: `model` or `fallbackModel`. */
  path: string;
  errors: Record<string, string>;
  keys: ProviderKey[];
  platformProviders: Provider[];
}

/** A fresh choice: a provider this workspace can use (the platform's, else one of its keys). */
export function defaultChoice(keys: ProviderKey[], platform: Provider[]): ModelChoice {
  const provider = platform[0] ?? keys[0]?.provider ?? 'openai';
  return {
    provider,
    modelId: MODEL_SUGGESTIONS[provider][0]!,
    credentialId: platform.includes(provider) ? null : (keys.find((k) => k.provider === provider)?.id ?? null),
    temperature: 0.3,
    maxTokens: 800,
  };
}

/** Provider, model id, platform or own key, temperature and answer length for one model. */
export function ModelPicker({
  legend,
  noneLabel,
  value,
  onChange,
  path,
  errors,
  keys,
  platformProviders,
}: ModelPickerProps) {
  const listId = useId();
  const { workspace } = useWorkspace();
  const canManageKeys = useCan()('workspace.update');
  const set = (patch: Partial<ModelChoice>) => value && onChange({ ...value, ...patch });
  const changeProvider = (provider: Provider) => {
    if (!value) return;
    const keepModel = value.modelId && !MODEL_SUGGESTIONS[value.provider].includes(value.modelId);
    const ownKey = keys.find((k) => k.provider === provider)?.id ?? null;
    onChange({
      ...value,
      provider,
      modelId: keepModel ? value.modelId : MODEL_SUGGESTIONS[provider][0]!,
      credentialId: platformProviders.includes(provider) ? null : ownKey,
    });
  };
  const providerKeys = value ? keys.filter((k) => k.provider === value.provider) : [];
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const noPlatformKey = value && value.credentialId === null && !platformProviders.includes(value.provider);
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <SelectField
        label="Model"
        value={value ? 'model' : 'none'}
        onChange={(e) => onChange(e.target.value === 'none' ? null : defaultChoice(keys, platformProviders))}
        error={errors[path]}
      >
        <option value="none">{noneLabel}</option>
        <option value="model">Use a model</option>
      </SelectField>
      {value && (
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            label="Provider"
            value={value.provider}
            onChange={(e) => changeProvider(e.target.value as Provider)}
            error={errors[`${path}.provider`]}
          >
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {PROVIDER_LABELS[p]}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Model ID"
            list={listId}
            maxLength={200}
            value={value.modelId}
            onChange={(e) => set({ modelId: e.target.value })}
            error={errors[`${path}.modelId`]}
            hint="Any model the provider serves."
          />
          <datalist id={listId}>
            {MODEL_SUGGESTIONS[value.provider].map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          <SelectField
            label="Key"
            fieldClassName="md:col-span-2"
            value={value.credentialId ?? ''}
            onChange={(e) => set({ credentialId: e.target.value || null })}
            error={errors[`${path}.credentialId`]}
            hint={
              canManageKeys ? (
                <>
                  Add your own keys on the{' '}
                  <Link className="font-medium text-indigo-700 underline" to={`/w/${workspace.id}/models`}>
                    Models
                  </Link>{' '}
                  page.
                </>
              ) : undefined
            }
          >
            <option value="">
              Platform key{platformProviders.includes(value.provider) ? '' : ' (not configured)'}
            </option>
            {providerKeys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
                {k.keyPreview ? ` (${k.keyPreview})` : ''}
              </option>
            ))}
          </SelectField>
          {noPlatformKey && (
            <Notice tone="warning" className="md:col-span-2">
              This installation has no platform key for {PROVIDER_LABELS[value.provider]}: until you choose one of your
              workspace’s keys, answers are composed from knowledge without a model.
            </Notice>
          )}
          <TextField
            label="Temperature"
            type="number"
            inputMode="decimal"
            min={0}
            max={2}
            step={0.1}
            value={Number.isNaN(value.temperature) ? '' : value.temperature}
            onChange={(e) => set({ temperature: number(e.target.value) })}
            error={errors[`${path}.temperature`]}
            hint="0 keeps answers steady; up to 2 varies them."
          />
          <TextField
            label="Max tokens per answer"
            type="number"
            inputMode="numeric"
            min={16}
            max={16000}
            step={1}
            value={Number.isNaN(value.maxTokens) ? '' : value.maxTokens}
            onChange={(e) => set({ maxTokens: number(e.target.value) })}
            error={errors[`${path}.maxTokens`]}
            hint="16 to 16,000."
          />
        </div>
      )}
    </fieldset>
  );
}
