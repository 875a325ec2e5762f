import type { Passage } from '../../knowledge';
import type { Citation } from '../schema';
import { phrase } from './phrases';

/**
 * A curated Q&A pair at the top whose relevance reaches this is the answer, word for word (in
 * hybrid mode, without asking the model): the question says what the pair's question says.
 */
export const CURATED_RELEVANCE = 0.6;

/**
 * Passages weaker than this share of the best one stay out of an answer even above the agent's
 * threshold: beside a passage that answers the question, one that merely shares a word is noise.
 */
export const CLOSE_TO_BEST = 0.9;

/** An extractive answer quotes a passage whole up to this length, else its best sentences. */
const WHOLE_PASSAGE_CHARS = 600;

const STOPWORDS = new Set(
  'the a an and or of to in on for is are was were be been do does did how what when where why which who can could i you we my your our it this that with from at by as about me please would should will'.split(
    ' ',
  ),
);

function terms(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOPWORDS.has(w))
    .map((w) => w.slice(0, 6)); // a crude stem: "passwords" and "password" meet
}

/**
 * Whether a retrieved passage may answer: retrieval already dropped passages below the agent's
 * minimum relevance; a passage sharing no word and no meaning with the question scores 0.
 */
export function isRelevant(passage: Passage): boolean {
  return passage.score > 0;
}

/** The passages an answer uses: relevant ones close to the best (see CLOSE_TO_BEST), best first. */
export function answerPassages(passages: Passage[]): Passage[] {
  const best = passages.find(isRelevant)?.score ?? 0;
  return passages.filter((p) => isRelevant(p) && p.score >= best * CLOSE_TO_BEST);
}

export function curatedAnswer(passages: Passage[]): Passage | null {
  const top = passages[0];
  return top?.qa && top.score >= CURATED_RELEVANCE ? top : null;
}

export function toCitation(passage: Passage, index: number): Citation {
  return {
    index,
    sourceId: passage.sourceId,
    chunkId: passage.chunkId,
    title: passage.sourceTitle,
    url: passage.url,
    page: passage.page,
    anchor: passage.anchor,
    snippet: passage.text.slice(0, 280),
    score: passage.score,
  };
}

function bestSentences(text: string, query: Set<string>, count: number): string {
  // Heading lines are the passage's heading (cited with it), not sentences: quoted, "# Returns"
  // would run into the next sentence and render as a heading.
  const body = text.replace(/^\s{0,3}#{1,6}\s.*$/gm, '').trim() || text;
  const sentences = body
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=\S)/)
    .filter((s) => s.length > 1);
  const scored = sentences.map((sentence, position) => ({
    sentence,
    position,
    score: terms(sentence).filter((t) => query.has(t)).length,
  }));
  const picked = scored.some((s) => s.score > 0)
    ? [...scored].sort((a, b) => b.score - a.score || a.position - b.position).slice(0, count)
    : scored.slice(0, count);
  return picked
    .sort((a, b) => a.position - b.position)
    .map((s) => s.sentence)
    .join(' ');
}

export interface ExtractiveAnswer {
  text: string;
  citations: Citation[];
  found: boolean;
}

/** The part of a passage an extractive answer quotes: a Q&A pair's answer, a short passage whole, else its best sentences. */
export function quotable(passage: Passage, question: string): string {
  if (passage.qa) return passage.qa.answer;
  const body =
    passage.text
      .replace(/^\s{0,3}#{1,6}\s.*$/gm, '')
      .replace(/\s+/g, ' ')
      .trim() || passage.text;
  return body.length <= WHOLE_PASSAGE_CHARS ? body : bestSentences(body, new Set(terms(question)), 3);
}

/**
 * An answer composed from the knowledge without a model: a matching curated Q&A answer as it
 * is; otherwise the best passage alone (a second one would as often add noise as help), quoted
 * with its citation; and when no passage passed the agent's minimum relevance, a plain "I
 * couldn't find it" that offers a person.
 */
export function composeExtractive(question: string, passages: Passage[], language: string): ExtractiveAnswer {
  const curated = curatedAnswer(passages);
  if (curated) return { text: `${curated.qa!.answer} [1]`, citations: [toCitation(curated, 1)], found: true };
  const best = passages.find(isRelevant);
  if (!best) return { text: phrase(language, 'nothing'), citations: [], found: false };
  return {
    text: `${phrase(language, 'found')}\n\n${quotable(best, question)} [1]`,
    citations: [toCitation(best, 1)],
    found: true,
  };
}
