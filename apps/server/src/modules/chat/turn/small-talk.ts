import { wordsOf } from '../../escalation';

/**
 * Messages that are not questions: a greeting, thanks, a goodbye, an "ok", and a "yes" or
 * "no" to the bot's offer of a person. They get a short reply in the visitor's language
 * without searching the knowledge, so they never count as unanswered. A message is one of
 * these only when every word of it is (so "Hi, where is my order?" is a question).
 */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'ok';
export type Consent = 'yes' | 'no';

const list = (text: string) => new Set(text.split(/\s+/).flatMap((w) => wordsOf(w.replace(/_/g, ' '))));
const phraseList = (text: string) => text.split('|').map((p) => wordsOf(p).join(' '));

const WORDS: Record<SmallTalk, Set<string>> = {
  greeting: list(
    'hi hello hey heya hiya howdy greetings morning afternoon evening hola buenas buenos dias tardes noches bonjour salut bonsoir coucou hallo moin servus guten tag morgen abend gruss olá ola oi bom dia boa tarde noite مرحبا اهلا أهلا السلام عليكم صباح الخير مساء هاي',
  ),
  thanks: list(
    'thanks thank thx ty cheers appreciated appreciate great perfect awesome helpful gracias muchas mil merci beaucoup danke vielen dank schön schon obrigado obrigada muito شكرا شكراً جزيلا',
  ),
  goodbye: list(
    'bye goodbye cya see later take care adios adiós chao hasta luego pronto au revoir tschüss tschuss wiedersehen auf tchau até logo مع السلامة وداعا',
  ),
  ok: list(
    "ok okay okey k kk alright cool got it understood fine vale entendido vale d'accord compris entendu gut alles klar verstanden ok certo entendi tudo bem حسنا طيب تمام",
  ),
};
/** Words that may stand beside small talk without making it a question. */
const FILLER = list(
  'good there you so much very a lot again all everyone team guys folks for your help the and then now oh ah well y a todos tous à vous ihnen euch e para de tout tudo você و لك لكم',
);

const YES = phraseList(
  'yes|yeah|yep|yup|sure|please|yes please|ok|okay|of course|go ahead|do it|sounds good|si|sí|claro|por favor|vale|de acuerdo|oui|ouais|d’accord|volontiers|bien sûr|svp|ja|gerne|bitte|klar|natürlich|ja bitte|sim|pode ser|quero|نعم|أجل|ايوه|اكيد|أكيد|من فضلك|حسنا',
);
const NO = phraseList(
  'no|nope|nah|no thanks|no thank you|not now|not needed|i’m good|im good|i am good|no need|never mind|nevermind|no gracias|ahora no|no hace falta|non|non merci|pas maintenant|pas besoin|nein|nein danke|nicht nötig|jetzt nicht|não|nao|não obrigado|não obrigada|agora não|لا|لا شكرا|لا شكرًا|ليس الآن',
);
const SOFTENERS = phraseList(
  'thank you|thanks|please|por favor|gracias|merci|danke|bitte|obrigado|obrigada|شكرا|من فضلك|it’s fine|that’s okay',
);

/** The kind of small talk, or null when the message says more than that. */
export function smallTalk(text: string): SmallTalk | null {
  const words = wordsOf(text);
  if (!words.length || words.length > 8) return null;
  const found = new Set<SmallTalk>();
  for (const word of words) {
    const kind = (Object.keys(WORDS) as SmallTalk[]).find((k) => WORDS[k].has(word));
    if (kind) found.add(kind);
    else if (!FILLER.has(word)) return null;
  }
  // "Thanks, bye": the goodbye answers both; "Hi, thanks": thanks.
  for (const kind of ['goodbye', 'thanks', 'greeting', 'ok'] as const) if (found.has(kind)) return kind;
  return null;
}

/** A plain yes or no ("yes please", "no thanks", "nein danke"), or null. */
export function consent(text: string): Consent | null {
  const words = wordsOf(text);
  if (!words.length || words.length > 6) return null;
  const phrase = words.join(' ');
  if (YES.includes(phrase)) return 'yes';
  if (NO.includes(phrase)) return 'no';
  // A yes or no followed or preceded by thanks/please: "yes, thank you", "no, thanks".
  let spaced = ` ${phrase} `;
  for (const softener of SOFTENERS) spaced = spaced.split(` ${softener} `).join(' ');
  const core = spaced.trim().replace(/\s+/g, ' ');
  if (core && core !== phrase) {
    if (YES.includes(core)) return 'yes';
    if (NO.includes(core)) return 'no';
  }
  return null;
}
