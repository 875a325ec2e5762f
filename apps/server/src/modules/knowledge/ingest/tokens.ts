import { createHash } from 'node:crypto';

/**
 * A tokenizer-free estimate of BPE tokens (cl100k-like) for sizing chunks: a short word is
 * one token, longer words about one per 8 characters, each punctuation mark one, and each
 * CJK character one. Deterministic and fast; callers with a real tokenizer pass
 * `countTokens` to chunk() instead.
 */
const PIECES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(PIECES)) tokens += CJK.test(piece) ? 1 : 1 + Math.floor((piece.length - 1) / 8);
  return tokens;
}

/** sha256 of the text, hex: equal hashes mean an unchanged chunk that need not be re-embedded. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
