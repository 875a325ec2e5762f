import { Notice } from '../../components/alert';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/field';
import { Section } from '../../components/page-header';
import type { WidgetConfig } from './channels-api';
import { brandContrast } from './contrast';
import { LeadFormEditor } from './lead-form-editor';

export interface Draft {
  origins: string;
  config: WidgetConfig;
}

const LANGUAGES: Array<[WidgetConfig['language'], string]> = [
  ['auto', 'The visitor’s browser language'],
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['pt', 'Português'],
  ['ar', 'العربية (right to left)'],
];

/** Where the widget may run, how it looks, its language, the lead form, attachments and ratings. */
export function WidgetSettingsForm({
  draft,
  onChange,
  errors,
}: {
  draft: Draft;
  onChange: (next: Draft) => void;
  errors: Record<string, string>;
}) {
  const { config } = draft;
  const look = (patch: Partial<WidgetConfig['look']>) =>
    onChange({ ...draft, config: { ...config, look: { ...config.look, ...patch } } });
  const set = <K extends keyof WidgetConfig>(key: K, value: WidgetConfig[K]) =>
    onChange({ ...draft, config: { ...config, [key]: value } });
  const contrast = brandContrast(config.look.primaryColor);
  return (
    <div className="space-y-6">
      <Section
        title="Where it runs"
        description="The chat answers only on these sites (and on its hosted page). Anything else is refused, with a message in the browser console."
      >
        <TextAreaField
          label="Allowed origins"
          hint="One per line: scheme and host, like https://www.example.com, http://localhost:8080 or https://*.example.com for every subdomain."
          rows={4}
          value={draft.origins}
          onChange={(e) => onChange({ ...draft, origins: e.target.value })}
          error={errors.allowedOrigins}
        />
        {!draft.origins.trim() && (
          <Notice tone="warning" className="mt-3">
            No site is allowed yet: the snippet shows nothing until you add yours.
          </Notice>
        )}
      </Section>
      <Section title="Look">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor="brand-colour" className="block text-sm font-medium text-slate-800">
              Brand colour
            </label>
            <div className="flex items-center gap-2">
              <input
                id="brand-colour-picker"
                type="color"
                aria-label="Pick the brand colour"
                value={config.look.primaryColor}
                onChange={(e) => look({ primaryColor: e.target.value })}
                className="h-9 w-12 rounded border border-slate-300"
              />
              <input
                id="brand-colour"
                value={config.look.primaryColor}
                onChange={(e) => look({ primaryColor: e.target.value })}
                className="block w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm"
                aria-describedby="brand-contrast"
              />
            </div>
            <p
              id="brand-contrast"
              className={contrast && contrast.ratio < 4.5 ? 'text-xs text-amber-800' : 'text-xs text-slate-500'}
            >
              {contrast
                ? `Text on it is ${contrast.text}, contrast ${contrast.ratio}:1${contrast.ratio < 4.5 ? ' — below the 4.5:1 that small text needs; pick a darker or lighter colour.' : ' (AA).'}`
                : 'Use a colour like #4f46e5.'}
            </p>
          </div>
          <SelectField
            label="Position"
            value={config.look.position}
            onChange={(e) => look({ position: e.target.value as WidgetConfig['look']['position'] })}
          >
            <option value="bottom-right">Bottom right</option>
            <option value="bottom-left">Bottom left</option>
          </SelectField>
          <SelectField
            label="Launcher icon"
            value={config.look.launcherIcon}
            onChange={(e) => look({ launcherIcon: e.target.value as WidgetConfig['look']['launcherIcon'] })}
          >
            <option value="chat">Speech bubble</option>
            <option value="help">Question mark</option>
            <option value="sparkle">Sparkle</option>
            <option value="headset">Headset</option>
          </SelectField>
          <SelectField
            label="Theme"
            value={config.look.theme}
            onChange={(e) => look({ theme: e.target.value as WidgetConfig['look']['theme'] })}
          >
            <option value="light">Light</option>
            <option value="dark">Dark</option>
            <option value="auto">Follow the visitor’s system</option>
          </SelectField>
          <TextField
            label="Title"
            hint="Empty: the agent’s name."
            value={config.look.title ?? ''}
            onChange={(e) => look({ title: e.target.value || null })}
            error={errors['look.title']}
          />
          <TextField
            label="Avatar image address"
            hint="Empty: the agent’s avatar."
            placeholder="https://…"
            value={config.look.avatarUrl ?? ''}
            onChange={(e) => look({ avatarUrl: e.target.value || null })}
            error={errors['look.avatarUrl']}
          />
          <TextAreaField
            fieldClassName="sm:col-span-2"
            label="Welcome text"
            hint="Empty: the agent’s greeting."
            rows={2}
            value={config.look.welcomeText ?? ''}
            onChange={(e) => look({ welcomeText: e.target.value || null })}
          />
        </div>
      </Section>
      <Section
        title="Language"
        description="The widget’s own words (buttons, notices). Answers follow the agent’s instructions."
      >
        <SelectField
          label="Language"
          value={config.language}
          onChange={(e) => set('language', e.target.value as WidgetConfig['language'])}
        >
          {LANGUAGES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </Section>
      <Section title="Lead form">
        <LeadFormEditor value={config.leadForm} onChange={(leadForm) => set('leadForm', leadForm)} />
        {errors['leadForm.fields'] && <p className="mt-2 text-sm text-red-700">{errors['leadForm.fields']}</p>}
      </Section>
      <Section title="Attachments and ratings">
        <div className="space-y-4">
          <Checkbox
            label="Visitors may attach files"
            checked={config.attachments.enabled}
            onChange={(e) => set('attachments', { ...config.attachments, enabled: e.target.checked })}
          />
          {config.attachments.enabled && (
            <div className="grid gap-4 pl-6 sm:grid-cols-2">
              <Checkbox
                label="Images (PNG, JPEG, GIF, WebP)"
                checked={config.attachments.images}
                onChange={(e) => set('attachments', { ...config.attachments, images: e.target.checked })}
              />
              <Checkbox
                label="Documents (PDF, Word, text, CSV)"
                checked={config.attachments.files}
                onChange={(e) => set('attachments', { ...config.attachments, files: e.target.checked })}
              />
              <TextField
                label="Largest file (MB)"
                type="number"
                min={0.1}
                step={0.1}
                value={String(Math.round((config.attachments.maxBytes / 1024 / 1024) * 10) / 10)}
                onChange={(e) =>
                  set('attachments', {
                    ...config.attachments,
                    maxBytes: Math.max(1024, Math.round(Number(e.target.value) * 1024 * 1024)),
                  })
                }
                error={errors['attachments.maxBytes']}
              />
            </div>
          )}
          <Checkbox
            label="Ask for a rating when a conversation is closed"
            checked={config.csat.enabled}
            onChange={(e) => set('csat', { enabled: e.target.checked })}
          />
        </div>
      </Section>
    </div>
  );
}
