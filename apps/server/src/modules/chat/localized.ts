import { DEFAULT_GREETING } from '@switchboard/contract/agents';
import { WIDGET_LANGUAGES, type WidgetLanguage } from '@switchboard/contract/enums';
import type { AgentConfig } from '../agents';
import { phrase } from './turn/phrases';

/** What visitors see of an agent in one language. */
export interface LocalizedFace {
  greeting: string;
  suggestedQuestions: string[];
  /** What the bot says when it finds nothing. */
  fallback: string;
}

/**
 * The agent's greeting, suggested questions and fallback for a visitor's language: the agent's
 * translation when it has one; else its own text — but the built-in greeting and fallback,
 * which the engine has in every widget language, are said in the visitor's language.
 * Agents saved before translations existed have neither field stored, hence the `??`.
 */
export function localizedFace(config: AgentConfig, language: string): LocalizedFace {
  const lang = language.slice(0, 2).toLowerCase();
  const own = (config.translations as AgentConfig['translations'] | undefined)?.[lang as WidgetLanguage] ?? {};
  const fallback = (config.fallback as string | undefined) ?? '';
  return {
    greeting: own.greeting || (config.greeting === DEFAULT_GREETING ? phrase(lang, 'greeting') : config.greeting),
    suggestedQuestions: own.suggestedQuestions?.length ? own.suggestedQuestions : config.suggestedQuestions,
    fallback: own.fallback || fallback || phrase(lang, 'nothing'),
  };
}

/** The face in each widget language (what the widget's config carries). */
export function facesByLanguage(config: AgentConfig): Record<WidgetLanguage, LocalizedFace> {
  return Object.fromEntries(WIDGET_LANGUAGES.map((lang) => [lang, localizedFace(config, lang)])) as Record<
    WidgetLanguage,
    LocalizedFace
  >;
}
