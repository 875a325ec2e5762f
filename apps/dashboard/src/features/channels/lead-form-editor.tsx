import { Button } from '../../components/button';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../components/field';
import type { LeadField, WidgetConfig } from './channels-api';

type LeadForm = WidgetConfig['leadForm'];

const TYPES: Array<[LeadField['type'], string]> = [
  ['text', 'Text'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['textarea', 'Long text'],
  ['select', 'Choice'],
];

const keyOf = (label: string, taken: string[]) => {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'f_$1')
      .slice(0, 40) || 'field';
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
  return key;
};

/** The contact form's fields, when it shows, and its consent checkbox. */
export function LeadFormEditor({ value, onChange }: { value: LeadForm; onChange: (next: LeadForm) => void }) {
  const setField = (index: number, patch: Partial<LeadField>) =>
    onChange({ ...value, fields: value.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });
  return (
    <div className="space-y-4">
      <Checkbox
        label="Ask for contact details"
        hint="Answers are saved as leads, linked to the conversation."
        checked={value.enabled}
        onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
      />
      {value.enabled && (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label="When"
              value={value.when}
              onChange={(e) => onChange({ ...value, when: e.target.value as LeadForm['when'] })}
            >
              <option value="before_chat">Before the chat starts</option>
              <option value="on_demand">When the visitor chooses to</option>
              <option value="tool">When the agent asks for details</option>
            </SelectField>
            <TextField
              label="Form title"
              placeholder="Leave your details"
              value={value.title ?? ''}
              onChange={(e) => onChange({ ...value, title: e.target.value || null })}
            />
          </div>
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-800">Fields</legend>
            {value.fields.map((field, index) => (
              <div
                key={index}
                className="grid items-end gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-[1fr_10rem_auto_auto]"
              >
                <TextField
                  label={`Field ${index + 1} label`}
                  value={field.label}
                  onChange={(e) => setField(index, { label: e.target.value })}
                />
                <SelectField
                  label="Type"
                  value={field.type}
                  disabled={['name', 'email', 'phone'].includes(field.key)}
                  onChange={(e) => setField(index, { type: e.target.value as LeadField['type'] })}
                >
                  {TYPES.map(([type, label]) => (
                    <option key={type} value={type}>
                      {label}
                    </option>
                  ))}
                </SelectField>
                <Checkbox
                  label="Required"
                  checked={field.required}
                  onChange={(e) => setField(index, { required: e.target.checked })}
                  className="pb-2"
                />
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove field ${field.label}`}
                  disabled={value.fields.length === 1}
                  onClick={() => onChange({ ...value, fields: value.fields.filter((_, i) => i !== index) })}
                >
                  Remove
                </Button>
                {field.type === 'select' && (
                  <TextField
                    fieldClassName="sm:col-span-4"
                    label="Choices (comma-separated)"
                    value={(field.options ?? []).join(', ')}
                    onChange={(e) =>
                      setField(index, {
                        options: e.target.value
                          .split(',')
                          .map((o) => o.trim())
                          .filter(Boolean),
                      })
                    }
                  />
                )}
              </div>
            ))}
            <div className="flex flex-wrap gap-2">
              {(['name', 'email', 'phone'] as const)
                .filter((k) => !value.fields.some((f) => f.key === k))
                .map((k) => (
                  <Button
                    key={k}
                    variant="secondary"
                    size="sm"
                    onClick={() =>
                      onChange({
                        ...value,
                        fields: [
                          ...value.fields,
                          {
                            key: k,
                            label: k[0]!.toUpperCase() + k.slice(1),
                            type: k === 'name' ? 'text' : k,
                            required: false,
                          },
                        ],
                      })
                    }
                  >
                    Add {k}
                  </Button>
                ))}
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  onChange({
                    ...value,
                    fields: [
                      ...value.fields,
                      {
                        key: keyOf(
                          'Company',
                          value.fields.map((f) => f.key),
                        ),
                        label: 'Company',
                        type: 'text',
                        required: false,
                      },
                    ],
                  })
                }
              >
                Add another field
              </Button>
            </div>
          </fieldset>
          <TextAreaField
            label="Consent checkbox"
            hint="Leave empty for no checkbox. When set, the visitor must tick it to send the form."
            rows={2}
            value={value.consent?.text ?? ''}
            onChange={(e) =>
              onChange({ ...value, consent: e.target.value.trim() ? { text: e.target.value, required: true } : null })
            }
          />
        </>
      )}
    </div>
  );
}
