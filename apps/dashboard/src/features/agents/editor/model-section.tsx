import { ErrorAlert, Notice } from '../../../components/alert';
import { Section } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { cn } from '../../../lib/cn';
import { useProviderKeys } from '../../models/models-api';
import { ANSWER_MODES, MODE_TEXT, PROVIDER_LABELS } from '../agents-api';
import { useDraft } from './draft-editor';
import { ModelPicker } from './model-picker';

/** How answers are made: the mode, each explained, then the model and its fallback. */
export function AnswerModeSection() {
  const { form, update, errors, canWrite } = useDraft();
  return (
    <Section
      title="Answer mode"
      description="Whether answers are written by a model, composed from your knowledge, or both."
    >
      <fieldset>
        <legend className="sr-only">Answer mode</legend>
        <div className="grid gap-3 md:grid-cols-3">
          {ANSWER_MODES.map((mode) => (
            <label
              key={mode}
              className={cn(
                'flex cursor-pointer gap-3 rounded-xl border p-4 text-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
                form.answerMode === mode
                  ? 'border-indigo-500 bg-indigo-50/60'
                  : 'border-slate-200 bg-white hover:border-slate-300',
                !canWrite && 'cursor-default',
              )}
            >
              <input
                type="radio"
                name="answerMode"
                value={mode}
                className="mt-0.5 h-4 w-4 text-indigo-600"
                checked={form.answerMode === mode}
                onChange={() => update('answerMode', mode)}
              />
              <span>
                <span className="block font-semibold text-slate-900">
                  {MODE_TEXT[mode].label}
                  {mode === 'hybrid' && <span className="ml-1.5 text-xs font-normal text-slate-500">(default)</span>}
                </span>
                <span className="mt-1 block text-slate-600">{MODE_TEXT[mode].text}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {errors.answerMode && <p className="mt-2 text-sm text-red-700">{errors.answerMode}</p>}
    </Section>
  );
}

export function ModelSection() {
  const { form, update, errors } = useDraft();
  const keys = useProviderKeys();
  const extractiveOnly = form.answerMode === 'extractive';
  return (
    <Section
      title="Model"
      description="The language model that writes answers, and the one tried when it fails before its first word."
    >
      {keys.isPending ? (
        <Loading label="Loading the available models…" />
      ) : keys.isError ? (
        <ErrorAlert error={keys.error} />
      ) : (
        <div className="space-y-6">
          {extractiveOnly && (
            <Notice>
              In extractive mode no model is called; these settings apply when you switch to another mode.
            </Notice>
          )}
          <p className="text-sm text-slate-600">
            {keys.data.platform.providers.length
              ? `Platform models available: ${keys.data.platform.providers.map((p) => PROVIDER_LABELS[p]).join(', ')}.`
              : 'This installation has no platform model keys: use one of your workspace’s keys, or answer from knowledge only.'}
          </p>
          <ModelPicker
            legend="Primary model"
            noneLabel="No model: answer from knowledge only"
            value={form.model}
            onChange={(value) => update('model', value)}
            path="model"
            errors={errors}
            keys={keys.data.keys}
            platformProviders={keys.data.platform.providers}
          />
          <div className="border-t border-slate-100 pt-6">
            <ModelPicker
              legend="Fallback model"
              noneLabel="No fallback model"
              value={form.fallbackModel}
              onChange={(value) => update('fallbackModel', value)}
              path="fallbackModel"
              errors={errors}
              keys={keys.data.keys}
              platformProviders={keys.data.platform.providers}
            />
          </div>
        </div>
      )}
    </Section>
  );
}
