import { describe, expect, it } from 'vitest';
import { countTokens, fitHistory, type ChatMessage } from './index';
import { fitHistoryBeside, historyTokensAtMost, MESSAGE_OVERHEAD_TOKENS, tokensAtMost } from './tokens';

describe('countTokens', () => {
  it('counts common English close to a BPE tokenizer (cl100k/o200k reference counts)', () => {
    // Reference counts from tiktoken (cl100k_base): 4, 10, 10.
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens('The quick brown fox jumps over the lazy dog.')).toBe(10);
    const sentence = 'What is your refund policy for orders shipped abroad?';
    expect(countTokens(sentence)).toBeGreaterThanOrEqual(10);
    expect(countTokens(sentence)).toBeLessThanOrEqual(12);
  });

  it('is zero for nothing and grows with the text', () => {
    expect(countTokens('')).toBe(0);
    const short = countTokens('refund');
    const long = countTokens('refund '.repeat(100));
    expect(short).toBe(1);
    expect(long).toBe(101); // 100 words with their leading spaces, and the trailing space
  });

  it('splits long words, numbers and punctuation', () => {
    expect(countTokens('internationalization')).toBeGreaterThan(2);
    expect(countTokens('1234567890')).toBe(4); // digits go in groups of up to three
    expect(countTokens('!!!!')).toBe(2);
  });

  it('prices non-Latin scripts and emoji higher, as real tokenizers do', () => {
    expect(countTokens('您好世界')).toBe(4);
    expect(countTokens('здравствуйте')).toBe(6);
    expect(countTokens('👍')).toBe(2);
  });
});

describe('fitHistory', () => {
  const m = (role: ChatMessage['role'], content: string): ChatMessage => ({ role, content });
  const cost = (message: ChatMessage) => countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;

  it('keeps everything when it fits', () => {
    const history = [m('user', 'hi'), m('assistant', 'hello'), m('user', 'refunds?')];
    expect(fitHistory(history, 1_000)).toEqual(history);
  });

  it('keeps the newest messages that fit, in order', () => {
    const history = [
      m('user', 'old question '.repeat(50)),
      m('assistant', 'old answer '.repeat(50)),
      m('user', 'short one'),
      m('assistant', 'short reply'),
      m('user', 'latest?'),
    ];
    const budget = cost(history[2]!) + cost(history[3]!) + cost(history[4]!);
    expect(fitHistory(history, budget)).toEqual(history.slice(2));
  });

  it('always keeps the last user message, even alone over budget', () => {
    const question = m('user', 'a very long question '.repeat(100));
    expect(fitHistory([m('user', 'earlier'), m('assistant', 'reply'), question], 5)).toEqual([question]);
  });

  it('does not start the kept history with an assistant message', () => {
    const history = [m('user', 'first question '.repeat(20)), m('assistant', 'answer'), m('user', 'next')];
    const budget = cost(history[1]!) + cost(history[2]!);
    expect(fitHistory(history, budget)).toEqual([history[2]]);
  });

  it('never brings back an older message after a gap', () => {
    const history = [m('user', 'tiny'), m('assistant', 'huge '.repeat(200)), m('user', 'now')];
    expect(fitHistory(history, 100)).toEqual([history[2]]);
  });

  it('returns nothing for an empty history', () => {
    expect(fitHistory([], 100)).toEqual([]);
  });
});

describe('tokensAtMost', () => {
  const samples = [
    '',
    ' ',
    'a',
    '€',
    '€€€ ™ ©',
    '🙂🙂',
    'ab,;:!?',
    '漢字かなカナ한글',
    'Привет мир',
    '12345678901',
    'supercalifragilistic',
    '\n\n\t  ',
    'x€y🙂z —',
    'ąęłńóśźż ÅÄÖ',
  ];

  it('is never below the count, whatever the script', () => {
    for (const text of samples) expect(tokensAtMost(text), text).toBeGreaterThanOrEqual(countTokens(text));
    // Random mixes of every kind of piece.
    const alphabet = ['a', 'Z', ' ', '\n', '7', ',', '€', '🙂', '漢', 'я', 'é', '™', '-', 'long'];
    for (let i = 0; i < 500; i++) {
      const text = Array.from(
        { length: 1 + ((i * 7) % 40) },
        (_, j) => alphabet[(i * 31 + j * 17 + ((i * j) % 5)) % alphabet.length],
      ).join('');
      expect(tokensAtMost(text), text).toBeGreaterThanOrEqual(countTokens(text));
    }
  });

  it('lets fitHistory skip counting only where counting keeps everything anyway', () => {
    const m = (role: ChatMessage['role'], content: string): ChatMessage => ({ role, content });
    const history = [
      m('assistant', 'Hello! How can I help? €'),
      m('user', 'Where is my parcel 🙂'),
      m('assistant', 'It left the warehouse.'),
      m('user', 'When will it arrive?'),
    ];
    const counted = history.reduce((n, x) => n + countTokens(x.content) + MESSAGE_OVERHEAD_TOKENS, 0);
    const bound = historyTokensAtMost(history);
    expect(bound).toBeGreaterThan(counted);
    // Under the bound (counting path) and at it (skipping path): the same history, minus the leading assistant turn.
    for (const budget of [counted, bound - 1, bound, bound + 100])
      expect(fitHistory(history, budget)).toEqual(history.slice(1));
    // Below the count, counting trims: room for the question alone keeps the question alone.
    expect(fitHistory(history, countTokens(history[3]!.content) + MESSAGE_OVERHEAD_TOKENS)).toEqual([history[3]]);
  });

  it('fitHistoryBeside gives what counting the system prompt gives, whichever path it takes', () => {
    const m = (role: ChatMessage['role'], content: string): ChatMessage => ({ role, content });
    const system = 'You answer from the passages below. [1] Returns are free within 30 days €.';
    const history = [
      m('user', 'Where is my parcel 🙂'),
      m('assistant', 'It left the warehouse.'),
      m('user', 'When will it arrive?'),
    ];
    const bound = historyTokensAtMost(history) + tokensAtMost(system);
    for (const room of [10, 30, 60, bound - 1, bound, bound + 500])
      expect(fitHistoryBeside(system, history, room), String(room)).toEqual(
        fitHistory(history, room - countTokens(system)),
      );
  });
});
