import { useState } from 'react';
import { SelectField, TextAreaField } from '../../../components/field';
import { Section } from '../../../components/page-header';
import type { AgentConfig } from '../agents-api';
import { useDraft } from './draft-editor';
import { ListEditor } from './list-editor';

/** The widget's languages, whose system texts (greeting, fallback, notices) are built in. */
const LANGUAGES = [
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
  ['pt', 'Portuguese'],
  ['ar', 'Arabic'],
  ['en', 'English'],
] as const;
type Language = (typeof LANGUAGES)[number][0];
type Texts = NonNullable<NonNullable<AgentConfig['translations']>[Language]>;

/**
 * The greeting, suggested questions and fallback per visitor language. Empty fields fall back to
 * the agent's own texts; the default greeting and fallback are said in the visitor's language anyway.
 */
export function TranslationsSection() {
  const { form, update, errors, canWrite } = useDraft();
  const [language, setLanguage] = useState<Language>('es');
  // Agents saved before translations existed have none stored.
  const all = (form.translations as AgentConfig['translations'] | undefined) ?? {};
  const texts: Texts = all[language] ?? {};
  const set = (patch: Partial<Texts>) => {
    const next: Texts = { ...texts, ...patch };
    const cleaned = Object.fromEntries(
      Object.entries(next).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v))),
    );
    const rest = Object.fromEntries(Object.entries(all).filter(([lang]) => lang !== language));
    update(
      'translations',
      (Object.keys(cleaned).length ? { ...rest, [language]: cleaned } : rest) as AgentConfig['translations'],
    );
  };
  const path = (field: string) => errors[`translations.${language}.${field}`];
  const translated = LANGUAGES.filter(([code]) => all[code]).map(([, name]) => name);
  // Labels name the language, so each field is told apart from the default texts above.
  const languageName = LANGUAGES.find(([code]) => code === language)?.[1] ?? language;
  return (
    <Section
      title="Translations"
      description={`What visitors writing in another language see. Empty fields use the texts above; the default greeting and fallback are built in for every language.${translated.length ? ` Translated: ${translated.join(', ')}.` : ''}`}
    >
      <div className="grid gap-5 md:grid-cols-2">
        <SelectField label="Language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map(([code, name]) => (
            <option key={code} value={code}>
              {name} ({code})
            </option>
          ))}
        </SelectField>
        <div />
        <TextAreaField
          label={`Greeting in ${languageName}`}
          fieldClassName="md:col-span-2"
          rows={2}
          maxLength={500}
          value={texts.greeting ?? ''}
          onChange={(e) => set({ greeting: e.target.value })}
          error={path('greeting')}
          readOnly={!canWrite}
        />
        <TextAreaField
          label={`Fallback in ${languageName}`}
          fieldClassName="md:col-span-2"
          rows={2}
          maxLength={500}
          value={texts.fallback ?? ''}
          onChange={(e) => set({ fallback: e.target.value })}
          error={path('fallback')}
          hint="What the bot says when it finds nothing."
          readOnly={!canWrite}
        />
      </div>
      <div className="mt-6">
        <ListEditor
          label={`Suggested questions in ${languageName}`}
          items={texts.suggestedQuestions ?? []}
          onChange={(items) => set({ suggestedQuestions: items })}
          max={6}
          maxLength={200}
          placeholder="e.g. ¿Dónde está mi pedido?"
          addLabel="New suggested question"
          itemError={(i) => path(`suggestedQuestions.${i}`)}
          listError={path('suggestedQuestions')}
          readOnly={!canWrite}
        />
      </div>
    </Section>
  );
}
