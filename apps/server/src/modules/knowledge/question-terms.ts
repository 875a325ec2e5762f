import { questionCore } from './question-core';
import { phraseAt, synonymsOf } from './synonyms';

/**
 * The question as groups of words for relevance (see relevance.ts): one group per content word
 * of its core (framing words dropped, see question-core.ts), holding the word and, for English,
 * its synonyms; a known two-word phrase ("money back") is one group. Each group is later stemmed
 * by the text-search configuration, which also drops stop words (a group left empty counts for
 * nothing). Groups are space-separated words, sent to SQL as a text array.
 */
export function questionTermGroups(query: string, tsConfig: string): string[] {
  const words = questionCore(query, tsConfig)
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, '').replace(/'s$/, ''))
    .filter(Boolean);
  const english = tsConfig === 'english';
  const groups: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = english ? phraseAt(words.slice(i)) : null;
    if (phrase) {
      groups.push(phrase.set.join(' '));
      i += phrase.length - 1;
      continue;
    }
    groups.push((english ? synonymsOf(words[i]!) : [words[i]!]).join(' '));
  }
  return [...new Set(groups)].slice(0, 32);
}
