import { Checkbox, TextField } from '../../components/field';
import type { WaitingForm } from './settings-form';

/**
 * What a visitor waiting for a person gets: the wait before they are told nobody took it (with
 * nobody online they are told at once), the contact form, and the bot's answers meanwhile.
 * Shown in the inbox settings and beside each agent's hand-off rules; one workspace setting.
 */
export function WaitingFields({
  value,
  onChange,
  errors,
  readOnly = false,
}: {
  value: WaitingForm;
  onChange: (next: WaitingForm) => void;
  errors: Record<string, string>;
  readOnly?: boolean;
}) {
  const set = (patch: Partial<WaitingForm>) => onChange({ ...value, ...patch });
  return (
    <div className="space-y-4">
      <TextField
        label="Tell the visitor after this many minutes if nobody has taken the conversation"
        hint="With nobody from the team online, they are told at once (0.5–60 minutes)."
        type="number"
        min={0.5}
        max={60}
        step={0.5}
        fieldClassName="max-w-md"
        value={value.waitMinutes}
        onChange={(e) => set({ waitMinutes: e.target.value })}
        error={errors['waiting.waitSeconds']}
        disabled={readOnly}
      />
      <Checkbox
        label="Ask for an email or phone number when nobody can answer"
        hint="The same contact form as outside business hours; a reply is then mailed to a visitor who has left."
        checked={value.askContact}
        onChange={(e) => set({ askContact: e.target.checked })}
        disabled={readOnly}
      />
      <Checkbox
        label="The bot keeps answering while the visitor waits"
        hint="It stops the moment a person takes the conversation."
        checked={value.botKeepsAnswering}
        onChange={(e) => set({ botKeepsAnswering: e.target.checked })}
        disabled={readOnly}
      />
    </div>
  );
}
