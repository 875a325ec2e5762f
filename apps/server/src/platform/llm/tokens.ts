import type { ChatMessage } from './types';

/**
 * Token counting for budgets (history trimming, context checks), not billing: billing uses
 * the usage the provider reports.
 *
 * No tokenizer package is installed, so this is a heuristic shaped like the BPE
 * pre-tokenizers of GPT-4o/Claude: text is cut into words (with their leading space),
 * runs of up to three digits, punctuation runs and whitespace, then each piece is priced:
 * - an ASCII word of ≤ 7 letters is one token, longer ones one more per 4 letters;
 * - a word in another alphabet (Cyrillic, Greek, Arabic, …) one token per 2 letters;
 * - a CJK character one token; an emoji or other non-ASCII symbol two;
 * - ASCII punctuation one token per 2 characters; whitespace one per 4.
 * On English prose it stays close to cl100k/o200k (tokens.test.ts holds reference counts) and
 * errs on the high side, which is the safe side for a budget.
 */
const PIECES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|\s?[\p{L}\p{M}]+|\s?\p{N}{1,3}|\s?[^\s\p{L}\p{M}\p{N}]+|\s+/gu;

const ASCII_LETTERS = /^[A-Za-z]+$/;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

function pieceTokens(piece: string): number {
  const body = piece.trimStart() || piece;
  if (/^\s+$/.test(body)) return Math.ceil(body.length / 4);
  if (CJK.test(body)) return 1;
  if (/^\p{N}+$/u.test(body)) return 1;
  if (/^[\p{L}\p{M}]+$/u.test(body)) {
    if (ASCII_LETTERS.test(body)) return body.length <= 7 ? 1 : 1 + Math.ceil((body.length - 7) / 4);
    return Math.max(1, Math.ceil([...body].length / 2));
  }
  // eslint-disable-next-line no-control-regex -- the ASCII range, not control characters, is what is meant
  if (/^[\x00-\x7f]+$/.test(body)) return Math.ceil(body.length / 2);
  return [...body].length * 2;
}

export function countTokens(text: string): number {
  let total = 0;
  for (const match of text.matchAll(PIECES)) total += pieceTokens(match[0]);
  return total;
}

/**
 * A bound no count exceeds: two tokens per UTF-16 unit (the dearest piece, a symbol outside
 * ASCII, is two per character; every other piece is cheaper). Lets a budget check skip the
 * counting when even the bound fits — on a chat turn, nearly always.
 */
export const tokensAtMost = (text: string): number => 2 * text.length;

/** What a chat message costs beyond its text (role markers and separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export const messageTokens = (message: ChatMessage): number => countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;

/**
 * The newest messages whose tokens fit the budget, in their original order. The last user
 * message is always kept, even alone over budget: the model must see the question. The
 * kept history never starts with an assistant message (some providers refuse that), so a
 * leading assistant turn is dropped too.
 */
export function fitHistory(messages: ChatMessage[], budgetTokens: number): ChatMessage[] {
  if (historyTokensAtMost(messages) <= budgetTokens) return withoutLeadingAssistant(messages.slice());
  let lastUser = -1;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    if (messages[i]!.role === 'user') {
      lastUser = i;
      break;
    }
  }
  const keep = new Set<number>();
  let used = 0;
  if (lastUser >= 0) {
    keep.add(lastUser);
    used = messageTokens(messages[lastUser]!);
  }
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    if (i === lastUser) continue;
    const cost = messageTokens(messages[i]!);
    if (used + cost > budgetTokens) {
      // Only the newest contiguous run counts: an older message must not come back after a gap.
      if (i < lastUser || lastUser < 0) break;
      continue;
    }
    keep.add(i);
    used += cost;
  }
  return withoutLeadingAssistant(messages.filter((_, i) => keep.has(i)));
}

/**
 * fitHistory with the budget left beside a system prompt: `room` minus the prompt's tokens.
 * The prompt is counted only when the history might not fit beside its upper bound.
 */
export function fitHistoryBeside(system: string, messages: ChatMessage[], room: number): ChatMessage[] {
  if (historyTokensAtMost(messages) <= room - tokensAtMost(system)) return withoutLeadingAssistant(messages.slice());
  return fitHistory(messages, room - countTokens(system));
}

/** tokensAtMost for a history (messages and their overhead). */
export const historyTokensAtMost = (messages: ChatMessage[]): number =>
  messages.reduce((n, m) => n + tokensAtMost(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);

function withoutLeadingAssistant(kept: ChatMessage[]): ChatMessage[] {
  while (kept.length > 1 && kept[0]!.role === 'assistant') kept.shift();
  return kept;
}
