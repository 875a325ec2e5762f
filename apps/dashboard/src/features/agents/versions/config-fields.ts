import { describeModel, MODE_TEXT, type AgentConfig } from '../agents-api';

/** One configuration field as people read it: a label and its value as text. */
export interface ConfigField {
  key: string;
  label: string;
  value: string;
  /** Long or list-like values are diffed line by line. */
  multiline: boolean;
}

export interface ConfigNames {
  source: (id: string) => string;
  key: (id: string) => string;
}

const onOff = (value: boolean) => (value ? 'On' : 'Off');
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** One line per translated text ("es greeting: ¡Hola!"); versions saved before translations have none. */
function describeTranslations(translations: AgentConfig['translations'] | undefined): string {
  const lines = Object.entries(translations ?? {}).flatMap(([lang, texts]) => [
    ...(texts?.greeting ? [`${lang} greeting: ${texts.greeting}`] : []),
    ...(texts?.suggestedQuestions ?? []).map((q) => `${lang} suggested: ${q}`),
    ...(texts?.fallback ? [`${lang} fallback: ${texts.fallback}`] : []),
  ]);
  return lines.join('\n') || 'None';
}

/** Every field of an agent's configuration, in the editor's order, for viewing and diffing versions. */
export function configFields(config: AgentConfig, names: ConfigNames): ConfigField[] {
  const field = (key: string, label: string, value: string, multiline = false): ConfigField => ({
    key,
    label,
    value,
    multiline,
  });
  const sources = config.knowledge.sourceIds;
  return [
    field('name', 'Name', config.name),
    field('avatarUrl', 'Avatar', config.avatarUrl ?? 'None'),
    field('greeting', 'Greeting', config.greeting),
    field('tone', 'Tone', config.tone),
    field('language', 'Language', config.language === 'auto' ? 'Follow the visitor (auto)' : config.language),
    field('instructions', 'Instructions', config.instructions, true),
    field('instructionsConfidential', 'Instructions confidential', yesNo(config.instructionsConfidential ?? false)),
    field('suggestedQuestions', 'Suggested questions', config.suggestedQuestions.join('\n'), true),
    field('fallback', 'Fallback', config.fallback || 'Built in, in the visitor’s language'),
    field('translations', 'Translations', describeTranslations(config.translations), true),
    field('answerMode', 'Answer mode', MODE_TEXT[config.answerMode]?.label ?? config.answerMode),
    field('model', 'Model', describeModel(config.model, names.key)),
    field(
      'fallbackModel',
      'Fallback model',
      config.fallbackModel ? describeModel(config.fallbackModel, names.key) : 'None',
    ),
    field(
      'knowledge.sourceIds',
      'Knowledge sources',
      sources === null ? 'All sources' : sources.length ? sources.map(names.source).join('\n') : 'No sources',
      sources !== null,
    ),
    field('knowledge.topK', 'Passages per answer', String(config.knowledge.topK)),
    field('knowledge.minScore', 'Minimum relevance', String(config.knowledge.minScore)),
    field('tools.knowledgeSearch', 'Tool: search knowledge', onOff(config.tools.knowledgeSearch)),
    field('tools.handoff', 'Tool: hand off to a person', onOff(config.tools.handoff)),
    field('tools.captureLead', 'Tool: capture lead', onOff(config.tools.captureLead)),
    field('tools.actionIds', 'Tool: custom actions', (config.tools.actionIds ?? []).join('\n') || 'None', true),
    field('handoff.keywords', 'Hand-off keywords', config.handoff.keywords.join('\n') || 'None', true),
    field(
      'handoff.maxUnanswered',
      'Hand off after unanswered',
      config.handoff.maxUnanswered === 0
        ? 'Never'
        : `${config.handoff.maxUnanswered} answers in a row that found nothing`,
    ),
    field(
      'handoff.onNegativeSentiment',
      'Hand off when the visitor is upset',
      yesNo(config.handoff.onNegativeSentiment),
    ),
    field('handoff.vipOnly', 'Hand off VIP visitors only', yesNo(config.handoff.vipOnly)),
  ];
}

export interface FieldChange {
  key: string;
  label: string;
  before: string;
  after: string;
  multiline: boolean;
  changed: boolean;
}

/** The fields of two configurations side by side, each marked changed or not. */
export function compareConfigs(before: AgentConfig, after: AgentConfig, names: ConfigNames): FieldChange[] {
  const old = new Map(configFields(before, names).map((f) => [f.key, f]));
  return configFields(after, names).map((f) => {
    const previous = old.get(f.key);
    const was = previous?.value ?? '';
    return {
      key: f.key,
      label: f.label,
      before: was,
      after: f.value,
      multiline: f.multiline || Boolean(previous?.multiline),
      changed: was !== f.value,
    };
  });
}
