/**
 * A small lexicon scorer for frustration in a visitor's message (English), in the spirit of
 * AFINN: each known word has a valence from -5 to +3; a negation in the three words before
 * flips it (halved: "not good" is mildly negative, "not bad" mildly positive); an intensifier
 * just before multiplies it by 1.5, and so does shouting it in capitals; two or more "!" add -1
 * to a message that is already negative. The message is negative at NEGATIVE_THRESHOLD or below:
 * one strong word is not enough ("terrible" is -3), a complaint is ("this is terrible, I'm so
 * angry" is -7.5; "useless!!" is -4).
 */
export const NEGATIVE_THRESHOLD = -4;

const LEXICON: Record<string, number> = {
  // -5 … -4: anger, abuse, threats to leave
  furious: -5,
  outraged: -5,
  disgusting: -5,
  scam: -5,
  fraud: -5,
  hate: -4,
  worst: -4,
  awful: -4,
  horrible: -4,
  pathetic: -4,
  ridiculous: -4,
  unacceptable: -4,
  incompetent: -4,
  livid: -5,
  infuriating: -5,
  lawyer: -3,
  sue: -4,
  // -3: strong dissatisfaction
  terrible: -3,
  useless: -3,
  angry: -3,
  annoyed: -3,
  annoying: -3,
  frustrated: -3,
  frustrating: -3,
  furiously: -3,
  disappointed: -3,
  disappointing: -3,
  broken: -2,
  rubbish: -3,
  garbage: -3,
  nonsense: -3,
  stupid: -3,
  joke: -2,
  waste: -3,
  wasted: -3,
  fed: -1,
  sick: -2,
  mad: -3,
  upset: -3,
  unhappy: -3,
  ripoff: -4,
  lied: -3,
  lying: -3,
  nightmare: -3,
  shocking: -3,
  appalling: -4,
  dreadful: -3,
  fail: -2,
  failed: -2,
  failure: -3,
  refuse: -2,
  // -2 … -1: problems and impatience
  bad: -2,
  poor: -2,
  problem: -1,
  problems: -1,
  issue: -1,
  wrong: -2,
  slow: -2,
  late: -1,
  missing: -2,
  lost: -2,
  still: -1,
  again: -1,
  never: -1,
  cancel: -1,
  complaint: -2,
  complain: -2,
  confusing: -2,
  confused: -2,
  unclear: -1,
  worried: -2,
  impossible: -2,
  unfortunately: -1,
  sadly: -1,
  damaged: -2,
  delay: -1,
  delayed: -2,
  overcharged: -3,
  charged: -1,
  refund: -1,
  ignored: -3,
  ignoring: -3,
  unresolved: -2,
  waiting: -1,
  hours: -1,
  weeks: -1,
  // positive words offset a complaint
  good: 2,
  great: 3,
  thanks: 2,
  thank: 2,
  love: 3,
  helpful: 2,
  perfect: 3,
  excellent: 3,
  nice: 2,
  happy: 3,
  awesome: 3,
  amazing: 3,
  fine: 1,
  ok: 1,
  okay: 1,
  glad: 2,
  appreciate: 2,
  resolved: 2,
  works: 1,
  working: 1,
};

const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "isn't",
  'isnt',
  "wasn't",
  "can't",
  'cant',
  "won't",
  'wont',
  'nothing',
  'hardly',
  'without',
]);
const INTENSIFIERS = new Set([
  'very',
  'so',
  'really',
  'extremely',
  'totally',
  'absolutely',
  'completely',
  'utterly',
  'incredibly',
  'super',
]);

export interface SentimentScore {
  score: number;
  negative: boolean;
  /** The words that counted, for the hand-off reason. */
  words: string[];
}

export function scoreSentiment(text: string): SentimentScore {
  const raw = text.match(/[\p{L}']+/gu) ?? [];
  const tokens = raw.map((t) => t.toLowerCase().replace(/^'+|'+$/g, ''));
  let score = 0;
  const words: string[] = [];
  tokens.forEach((token, i) => {
    let value = LEXICON[token];
    if (value === undefined) return;
    if (tokens.slice(Math.max(0, i - 3), i).some((t) => NEGATIONS.has(t))) value = -value / 2;
    if (i > 0 && INTENSIFIERS.has(tokens[i - 1]!)) value *= 1.5;
    const original = raw[i]!;
    if (value < 0 && original.length >= 3 && original === original.toUpperCase()) value *= 1.5;
    score += value;
    words.push(token);
  });
  if (score < 0 && (text.match(/!/g)?.length ?? 0) >= 2) score -= 1;
  score = Math.round(score * 10) / 10;
  return { score, negative: score <= NEGATIVE_THRESHOLD, words };
}
