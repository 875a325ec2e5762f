import { isFraming } from './question-core';
import { phraseAt, synonymsOf } from './synonyms';

/**
 * The question as groups of words for relevance (see relevance.ts): one group per content word
 * (framing words such as "how long" and bare numbers dropped), holding the word first and then,
 * for English, its synonyms, `|`-separated; a known phrase ("money back", "how much") is one
 * group, marked `*`. Each group is stemmed in SQL by the text-search configuration, which also drops stop
 * words (a group left empty counts for nothing). When only framing words are left, they are the
 * groups (a question must be about something).
 */
export function questionTermGroups(query: string, tsConfig: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, '').replace(/'s$/, ''))
    .filter(Boolean);
  const english = tsConfig === 'english';
  const groups: string[] = [];
  const framing: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = english ? phraseAt(words.slice(i)) : null;
    if (phrase) {
      groups.push(`*${phrase.set.join('|')}`); // every word of a phrase's set meets it as well as any other
      i += phrase.length - 1;
    } else if (isFraming(words[i]!, tsConfig)) framing.push(words[i]!);
    else if (!/^\d+$/.test(words[i]!)) groups.push((english ? synonymsOf(words[i]!) : [words[i]!]).join('|'));
  }
  return [...new Set(groups.length ? groups : framing)].slice(0, 32);
}
