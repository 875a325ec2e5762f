import type { Passage } from '../../knowledge';
import type { Citation } from '../schema';
import { phrase } from './phrases';

/** How much of the question a passage must cover to be quoted (or a Q&A pair to answer). */
export const RELEVANT_COVERAGE = 0.34;
export const QA_COVERAGE = 0.5;
const RELEVANT_SIMILARITY = 0.75;

const STOPWORDS = new Set(
  'the a an and or of to in on for is are was were be been do does did how what when where why which who can could i you we my your our it this that with from at by as about me please would should will'.split(' '),
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

export function isRelevant(passage: Passage): boolean {
  return passage.coverage >= RELEVANT_COVERAGE || (passage.similarity ?? 0) >= RELEVANT_SIMILARITY;
}

export function curatedAnswer(passages: Passage[]): Passage | null {
  const top = passages[0];
  return top?.qa && (top.coverage >= QA_COVERAGE || (top.similarity ?? 0) >= 0.85) ? top : null;
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
  const sentences = body.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=\S)/).filter((s) => s.length > 1);
  const scored = sentences.map((sentence, position) => ({ sentence, position, score: terms(sentence).filter((t) => query.has(t)).length }));
  const picked = scored.some((s) => s.score > 0) ? [...scored].sort((a, b) => b.score - a.score || a.position - b.position).slice(0, count) : scored.slice(0, count);
  return picked.sort((a, b) => a.position - b.position).map((s) => s.sentence).join(' ');
}

export interface ExtractiveAnswer {
  text: string;
  citations: Citation[];
  found: boolean;
}

/**
 * An answer composed from the knowledge without a model: a matching curated Q&A answer as it
 * is; otherwise the most relevant sentences of the best passages, each with its citation; and
 * when nothing relevant was found, a plain "I couldn't find it" that offers a person.
 */
export function composeExtractive(question: string, passages: Passage[], language: string): ExtractiveAnswer {
  const curated = curatedAnswer(passages);
  if (curated) return { text: `${curated.qa!.answer} [1]`, citations: [toCitation(curated, 1)], found: true };
  const relevant = passages.filter(isRelevant).slice(0, 3);
  if (!relevant.length) return { text: phrase(language, 'nothing'), citations: [], found: false };
  const query = new Set(terms(question));
  const parts = relevant.map((p, i) => `${bestSentences(p.text, query, 2)} [${i + 1}]`);
  return { text: `${phrase(language, 'found')}\n\n${parts.join('\n\n')}`, citations: relevant.map((p, i) => toCitation(p, i + 1)), found: true };
}
