/**
 * Words of a visitor's message as the intent rules compare them: lower case, accents and
 * Arabic vowel marks removed, curly apostrophes straightened, French elisions split off
 * ("n'y" → "n", "y"; "l'agent" → "l", "agent").
 */
export function plainText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

const ELISION = /^(l|d|qu|n|j|s|c|m|t)'(.+)$/;

export function wordsOf(text: string): string[] {
  const tokens = plainText(text).match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
  return tokens.flatMap((token) => {
    const elided = ELISION.exec(token);
    return elided ? [elided[1]!, elided[2]!] : [token];
  });
}

/** A list of phrases in the same form as wordsOf (each phrase: its words joined by spaces). */
export const phrases = (list: readonly string[]) => list.map((p) => wordsOf(p).join(' ')).filter(Boolean);

/** The clauses of a message: split at punctuation and at "but" in the six languages. */
export function clausesOf(text: string): string[][] {
  return plainText(text)
    .split(/[,.;:!?¿¡،؟]+|\s(?:but|pero|mais|aber|mas|لكن)\s/u)
    .map(wordsOf)
    .filter((words) => words.length > 0);
}

/** Whether the words contain the phrase (words joined by spaces) as consecutive words. */
export function hasPhrase(words: readonly string[], phrase: string): boolean {
  return ` ${words.join(' ')} `.includes(` ${phrase} `);
}
