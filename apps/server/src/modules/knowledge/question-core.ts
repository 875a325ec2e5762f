/**
 * Words that frame a question rather than say what it is about ("how LONG does it TAKE", "can
 * you TELL me"). Coverage — the share of the question a passage holds — is measured without
 * them, so "How long do refunds take?" is fully covered by a passage about refund times. The
 * text-search configurations already drop their languages' stop words; these lists add only
 * question framing they keep. Ranking is unaffected: full-text search sees the whole query.
 */
const FRAMING: Record<string, string[]> = {
  english: [
    'long',
    'take',
    'takes',
    'much',
    'many',
    'get',
    'need',
    'want',
    'know',
    'tell',
    'way',
    'possible',
    'able',
    'please',
    'hello',
    'hi',
    'thanks',
    // Fillers that say when or how strongly, not what about.
    'ago',
    'today',
    'now',
    'anymore',
    'still',
    'really',
    'just',
    'right',
    'actually',
    'also',
    'even',
  ],
  spanish: [
    'cuánto',
    'cuanto',
    'tiempo',
    'tarda',
    'tardan',
    'puedo',
    'puede',
    'quiero',
    'necesito',
    'saber',
    'decir',
    'hola',
    'gracias',
    'favor',
  ],
  french: [
    'combien',
    'temps',
    'faut',
    'peux',
    'peut',
    'veux',
    'voudrais',
    'besoin',
    'savoir',
    'dire',
    'bonjour',
    'merci',
  ],
  german: [
    'lange',
    'dauert',
    'dauern',
    'kann',
    'könnte',
    'möchte',
    'brauche',
    'wissen',
    'sagen',
    'hallo',
    'danke',
    'bitte',
  ],
  portuguese: [
    'quanto',
    'tempo',
    'demora',
    'posso',
    'pode',
    'quero',
    'preciso',
    'saber',
    'dizer',
    'olá',
    'ola',
    'obrigado',
    'favor',
  ],
};

const framingOf = (tsConfig: string) =>
  new Set([...(FRAMING[tsConfig] ?? []), ...(tsConfig === 'simple' ? Object.values(FRAMING).flat() : [])]);

/** Whether a (lower-case) word frames a question in this text-search configuration's language. */
export function isFraming(word: string, tsConfig: string): boolean {
  return framingOf(tsConfig).has(word);
}

/** The query without its framing words; the whole query when nothing else would be left. */
export function questionCore(query: string, tsConfig: string): string {
  const framing = framingOf(tsConfig);
  const kept = query.split(/\s+/).filter((word) => !framing.has(word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')));
  const core = kept.join(' ').trim();
  return /[\p{L}\p{N}]/u.test(core) ? core : query;
}
