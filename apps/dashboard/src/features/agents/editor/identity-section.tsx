import { Checkbox, SelectField, TextAreaField, TextField } from '../../../components/field';
import { Section } from '../../../components/page-header';
import { capitalize } from '../../../lib/format';
import { AgentAvatar } from '../agent-avatar';
import { TONES } from '../agents-api';
import { useDraft } from './draft-editor';
import { ListEditor } from './list-editor';

const LANGUAGES: Array<[string, string]> = [
  ['auto', 'Follow the visitor'],
  ['en', 'English'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['pt-BR', 'Portuguese (Brazil)'],
  ['nl', 'Dutch'],
  ['sv', 'Swedish'],
  ['pl', 'Polish'],
  ['tr', 'Turkish'],
  ['ru', 'Russian'],
  ['ja', 'Japanese'],
  ['zh', 'Chinese'],
];

/** Who the agent is and what it says first. */
export function IdentitySection() {
  const { form, update, errors } = useDraft();
  const languages = LANGUAGES.some(([code]) => code === form.language)
    ? LANGUAGES
    : [...LANGUAGES, [form.language, form.language] as [string, string]];
  return (
    <Section title="Identity" description="How the agent introduces itself to visitors.">
      <div className="grid gap-5 md:grid-cols-2">
        <TextField
          label="Name"
          required
          maxLength={80}
          value={form.name}
          onChange={(e) => update('name', e.target.value)}
          error={errors.name}
        />
        <div className="flex items-end gap-3">
          <TextField
            label="Avatar image URL"
            fieldClassName="flex-1"
            type="url"
            inputMode="url"
            placeholder="https://…/avatar.png"
            maxLength={500}
            value={form.avatarUrl ?? ''}
            onChange={(e) => update('avatarUrl', e.target.value.trim() ? e.target.value : null)}
            error={errors.avatarUrl}
          />
          <div className="pb-1">
            <AgentAvatar name={form.name} url={form.avatarUrl} />
          </div>
        </div>
        <SelectField
          label="Tone"
          value={form.tone}
          onChange={(e) => update('tone', e.target.value as (typeof TONES)[number])}
          error={errors.tone}
        >
          {TONES.map((tone) => (
            <option key={tone} value={tone}>
              {capitalize(tone)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Language"
          value={form.language}
          onChange={(e) => update('language', e.target.value)}
          error={errors.language}
          hint="The language of answers and of knowledge search; “Follow the visitor” answers in theirs."
        >
          {languages.map(([code, name]) => (
            <option key={code} value={code}>
              {name} {code !== 'auto' ? `(${code})` : ''}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label="Greeting"
          fieldClassName="md:col-span-2"
          rows={2}
          maxLength={500}
          value={form.greeting}
          onChange={(e) => update('greeting', e.target.value)}
          error={errors.greeting}
          hint="The first message visitors see."
        />
      </div>
    </Section>
  );
}

/** What the agent is told to do, and the questions offered to visitors. */
export function InstructionsSection() {
  const { form, update, errors, canWrite } = useDraft();
  return (
    <Section
      title="Instructions"
      description="Tell the agent what it does, for whom, and what it must not do. Models follow these; extractive answers don’t use them."
    >
      <TextAreaField
        label="Instructions"
        rows={8}
        maxLength={8000}
        className="font-mono text-[13px]"
        value={form.instructions}
        onChange={(e) => update('instructions', e.target.value)}
        error={errors.instructions}
        hint={`${form.instructions.length.toLocaleString()} / 8,000 characters`}
      />
      <Checkbox
        className="mt-3"
        label="Keep the instructions confidential"
        hint="The agent is told never to reveal them, and an answer that repeats a long passage of them (80 characters or more, about a dozen words) is replaced before visitors see it. Put facts visitors should hear in your knowledge instead."
        checked={form.instructionsConfidential ?? false}
        onChange={(e) => update('instructionsConfidential', e.target.checked)}
      />
      <div className="mt-6">
        <ListEditor
          label="Suggested questions"
          hint="Offered as buttons when a conversation starts (at most 6)."
          items={form.suggestedQuestions}
          onChange={(items) => update('suggestedQuestions', items)}
          max={6}
          maxLength={200}
          placeholder="e.g. How do I return an item?"
          addLabel="New suggested question"
          itemError={(i) => errors[`suggestedQuestions.${i}`]}
          listError={errors.suggestedQuestions}
          readOnly={!canWrite}
        />
      </div>
    </Section>
  );
}
