/**
 * Which language a source's text is in, by counting very common words: cheap, good enough
 * to tell whether an English-only embedding model can read it (the search tool's declared
 * language is what the person chose; this is what the text is). Covers the widget's
 * languages and a few neighbours; returns 'und' when the text is too short or unclear.
 */
const COMMON: Record<string, readonly string[]> = {
  en: ['the', 'and', 'is', 'are', 'you', 'your', 'to', 'of', 'for', 'with', 'we', 'our', 'it', 'this', 'that', 'can', 'will', 'not', 'be', 'on', 'in', 'or', 'if', 'have'],
  es: ['el', 'la', 'los', 'las', 'de', 'que', 'y', 'en', 'un', 'una', 'por', 'para', 'con', 'es', 'su', 'sus', 'se', 'del', 'al', 'lo', 'como', 'pero', 'puede', 'usted'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'un', 'une', 'pour', 'vous', 'votre', 'nous', 'dans', 'que', 'qui', 'sur', 'pas', 'du', 'au', 'avec', 'sont', 'ne', 'ce'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'sie', 'ihr', 'ihre', 'wir', 'mit', 'für', 'auf', 'ein', 'eine', 'zu', 'den', 'dem', 'von', 'bei', 'werden', 'können', 'oder', 'auch'],
  pt: ['o', 'os', 'as', 'de', 'que', 'e', 'em', 'um', 'uma', 'para', 'com', 'não', 'por', 'seu', 'sua', 'do', 'da', 'dos', 'das', 'você', 'pode', 'ao', 'se', 'mais'],
  it: ['il', 'lo', 'gli', 'di', 'che', 'e', 'è', 'un', 'una', 'per', 'con', 'non', 'del', 'della', 'sono', 'si', 'al', 'nel', 'anche', 'come', 'può', 'suo', 'questo', 'ci'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'je', 'uw', 'niet', 'op', 'te', 'met', 'voor', 'zijn', 'wij', 'we', 'ook', 'kan', 'bij', 'worden', 'of', 'dat', 'die', 'naar'],
};
const WORDS = new Map<string, string[]>();
for (const [language, words] of Object.entries(COMMON)) for (const w of words) WORDS.set(w, [...(WORDS.get(w) ?? []), language]);

/** Letters outside Latin script decide at once (the model reads none of them). */
const SCRIPTS: Array<[RegExp, string]> = [
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Han}/gu, 'zh'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Thai}/gu, 'th'],
];

const SAMPLE_CHARS = 20_000;
const MIN_HITS = 5;

export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (!letters) return 'und';
  for (const [pattern, language] of SCRIPTS) if ((sample.match(pattern) ?? []).length > letters * 0.3) return language;
  const scores = new Map<string, number>();
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) for (const language of WORDS.get(word) ?? []) scores.set(language, (scores.get(language) ?? 0) + 1);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_HITS) return 'und';
  // A near tie (a bilingual page) is not a language we can vouch for.
  if (second && second[1] > best[1] * 0.8) return 'und';
  return best[0];
}
