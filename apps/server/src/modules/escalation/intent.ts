import { clausesOf, hasPhrase, phrases, wordsOf } from './words';

/**
 * Whether a visitor's message asks for a person, in the widget's six languages. A word such as
 * "person" or "agent" alone proves nothing ("Can I pick it up in person?", "No thanks, I don't
 * need a person", "my travel agent"), so a request needs, in one clause that is not negated:
 * a verb of asking right before the person word ("talk to", "quiero hablar con", "je veux"),
 * a "real/live person" compound, or nothing but the person word and fillers ("agent please").
 * Idioms are removed first.
 */
const PERSON =
  /^(humans?|persons?|agents?|operators?|representatives?|reps?|personas?|humanos?|agentes?|operador(es|a)?|representantes?|asesor(es|a)?|personnes?|humains?|conseiller(e|s)?|operateur|representant|menschen|mensch|mitarbeiter(in)?|berater(in)?|pessoas?|atendentes?|(و?[بل]?(ال)?)(شخص|موظف|انسان|إنسان|بشري|مندوب|وكيل))$/u;

/** Verbs and phrases of asking that may come before the person word. */
const CUES = phrases([
  // en
  'talk',
  'talking',
  'speak',
  'speaking',
  'chat with',
  'connect',
  'transfer',
  'contact',
  'reach',
  'want',
  'need',
  'get',
  'give me',
  'let me',
  'put me',
  'escalate',
  'hand me',
  'switch me',
  'prefer',
  'can i have',
  'could i have',
  'is there',
  'are there',
  'where is',
  "i'd like",
  'id like',
  'i would like',
  // es
  'hablar',
  'comunicarme',
  'comunicar',
  'contactar',
  'conectar',
  'conectame',
  'quiero',
  'quisiera',
  'necesito',
  'pasame',
  'pasar',
  'transferir',
  'hay',
  // fr
  'parler',
  'discuter',
  'joindre',
  'contacter',
  'veux',
  'voudrais',
  'besoin',
  'passer',
  'mettre en relation',
  'y a t il',
  'y a-t-il',
  // de
  'sprechen',
  'reden',
  'verbinden',
  'mochte',
  'brauche',
  'will',
  'durchstellen',
  'gibt es',
  'kontakt',
  // pt
  'falar',
  'conversar',
  'contatar',
  'contactar',
  'quero',
  'queria',
  'preciso',
  'transferir',
  'passar',
  // ar
  'التحدث',
  'اتحدث',
  'أتحدث',
  'اكلم',
  'أكلم',
  'كلم',
  'تحدث',
  'اريد',
  'أريد',
  'احتاج',
  'أحتاج',
  'ممكن',
  'التواصل',
  'اتواصل',
  'أتواصل',
]);
/** German puts the verb last ("mit einem Mitarbeiter sprechen"): these may follow the person word. */
const CUES_AFTER = new Set(['sprechen', 'reden', 'verbinden', 'verbunden', 'telefonieren']);
/** At most this many words between the cue and the person word ("talk to a real live human"). */
const CUE_REACH = 5;

/** Words before the person word that make it a request on their own ("a real person", "live agent"). */
const COMPOUND_BEFORE = new Set(
  phrases(['real', 'live', 'actual', 'human', 'vrai', 'vraie', 'echten', 'echte', 'echter', 'echtes', 'lebenden']),
);
const COMPOUND_AFTER = new Set(
  phrases(['real', 'humano', 'humana', 'humain', 'humaine', 'reel', 'reelle', 'verdade', 'حقيقي', 'بشري']),
);

/** Negations that, before the person word in its clause, turn a request into a refusal. */
const NEGATIONS = phrases([
  "don't",
  'dont',
  'do not',
  "doesn't",
  'does not',
  "didn't",
  'did not',
  "won't",
  'will not',
  'no need',
  'never',
  'without',
  'not',
  'no',
  'nunca',
  'sin',
  'ne',
  "n'",
  'pas',
  'sans',
  'jamais',
  'nicht',
  'kein',
  'keine',
  'keinen',
  'ohne',
  'nie',
  'nao',
  'sem',
  'لا',
  'لست',
  'ليس',
  'لن',
  'بدون',
  'دون',
]);

/** Phrases in which a person word does not ask for one. */
const IDIOMS = phrases([
  'in person',
  'in-person',
  'per person',
  'each person',
  'a person per',
  'travel agent',
  'estate agent',
  'shipping agent',
  'user agent',
  'insurance agent',
  'become an agent',
  'agent program',
  'agent programme',
  'customs agent',
  'en persona',
  'por persona',
  'cada persona',
  'agente de viajes',
  'en personne',
  'par personne',
  'agent de voyage',
  'pro person',
  'em pessoa',
  'por pessoa',
  'agente de viagens',
  'شخصيا',
  'لكل شخص',
  'are you a human',
  'are you human',
  'are you a person',
  'are you a real person',
]);

/** Words that may stand beside a person word in a bare request ("a human, please"). */
const FILLERS = new Set(
  'a an the please pls plz now asap right away me i need want real live actual human hi hello hey ok okay una un uno por favor ahora una une s il vous plait svp maintenant bitte einen eine jetzt sofort um uma agora من فضلك لو سمحت الآن'
    .split(' ')
    .flatMap((w) => wordsOf(w)),
);

function masked(words: string[]): string[] {
  let text = ` ${words.join(' ')} `;
  for (const idiom of IDIOMS) text = text.split(` ${idiom} `).join(' _ ');
  return text.trim().split(' ').filter(Boolean);
}

const negatedBefore = (words: string[], index: number) =>
  words.slice(0, index).some((w, i) => NEGATIONS.includes(w) || NEGATIONS.includes(`${w} ${words[i + 1] ?? ''}`));

function clauseAsks(clause: string[]): boolean {
  const words = masked(clause);
  return (
    words.some((word, index) => {
      if (!PERSON.test(word) || negatedBefore(words, index)) return false;
      if (COMPOUND_BEFORE.has(words[index - 1] ?? '') || COMPOUND_AFTER.has(words[index + 1] ?? '')) return true;
      const before = words.slice(Math.max(0, index - CUE_REACH - 2), index);
      return (
        CUES.some((cue) => hasPhrase(before, cue)) || words.slice(index + 1, index + 3).some((w) => CUES_AFTER.has(w))
      );
    }) || bareClause(words)
  );
}

/** An explicit request for a person in some clause of the message. */
export function asksForPerson(text: string): boolean {
  return clausesOf(text).some(clauseAsks);
}

const BARE_PHRASES = phrases(['من فضلك', 'لو سمحت', 'por favor', "s'il vous plaît", 'right away']);

/** A bare request: only person words and fillers ("agent please", "human!", "persona por favor"). */
function bareClause(words: string[]): boolean {
  if (!words.some((w) => PERSON.test(w))) return false;
  let rest = ` ${words.filter((w) => !PERSON.test(w)).join(' ')} `;
  for (const filler of BARE_PHRASES) rest = rest.split(` ${filler} `).join(' ');
  return rest
    .trim()
    .split(' ')
    .filter(Boolean)
    .every((w) => FILLERS.has(w));
}

/** A keyword made only of person words ("human", "real person") needs a request, not a mention. */
const isPersonKeyword = (keyword: string) => wordsOf(keyword).every((w) => PERSON.test(w) || COMPOUND_BEFORE.has(w));

/**
 * The first of the agent's hand-off keywords the message contains as a whole word or phrase,
 * outside a negated clause. Person words ("agent", "person") count only in a request for a
 * person; the business's own phrases ("refund manager")
 * wherever they appear.
 */
export function matchedKeyword(text: string, keywords: readonly string[]): string | null {
  const clauses = clausesOf(text).map(masked);
  for (const keyword of keywords) {
    const trimmed = keyword.trim();
    const phrase = wordsOf(trimmed).join(' ');
    if (!phrase) continue;
    if (isPersonKeyword(trimmed)) {
      if (asksForPerson(text) && clauses.some((words) => hasPhrase(words, phrase))) return trimmed;
      continue;
    }
    for (const words of clauses) {
      const at = findPhrase(words, phrase);
      if (at >= 0 && !negatedBefore(words, at)) return trimmed;
    }
  }
  return null;
}

function findPhrase(words: string[], phrase: string): number {
  const parts = phrase.split(' ');
  for (let i = 0; i + parts.length <= words.length; i++) if (parts.every((p, j) => words[i + j] === p)) return i;
  return -1;
}
