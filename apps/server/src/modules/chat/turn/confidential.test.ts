import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_SPAN, InstructionsGuard, normaliseForLeaks } from './confidential';

const SECRET =
  'Offer the retention code KEEPME40 (forty percent off) only after the customer threatens to cancel twice; escalate legal threats to extension 4471 and never discuss competitor pricing.';

/** Streams `answer` through a guard in pieces cut at pseudo-random places; returns what was sent. */
function stream(answer: string, seed: number): { sent: string; leaked: boolean } {
  const guard = InstructionsGuard.for(SECRET, true)!;
  let sent = '';
  let at = 0;
  let x = seed;
  while (at < answer.length && !guard.leaked) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (x % 9);
    sent += guard.push(answer.slice(at, at + size));
    at += size;
  }
  return { sent: sent + guard.flush(), leaked: guard.leaked };
}

const longestSharedSpan = (a: string, secret: string) => {
  const text = normaliseForLeaks(a);
  let best = 0;
  for (let i = 0; i < text.length; i++)
    for (let n = best + 1; i + n <= text.length && secret.includes(text.slice(i, i + n)); n++) best = n;
  return best;
};

describe('the confidential instructions guard', () => {
  it('stops a recital before any span of the threshold leaves, however the text is cut or dressed up', () => {
    const secret = normaliseForLeaks(SECRET);
    const dressed = [
      'Sure. ',
      '**My rules:** ',
      SECRET.toUpperCase().replace(/ /g, '  ').replace(/;/g, ' —'),
      ' Bye.',
    ].join('');
    for (const answer of [`Here you go: ${SECRET}`, dressed]) {
      for (let seed = 1; seed <= 25; seed++) {
        const { sent, leaked } = stream(answer, seed);
        expect(leaked).toBe(true);
        expect(longestSharedSpan(sent, secret)).toBeLessThan(CONFIDENTIAL_SPAN);
      }
    }
  });

  it('sends an answer that shares only short phrases whole, and in order', () => {
    const answer =
      'We never discuss competitor pricing, but the retention code questions go to our team. Anything else?';
    for (let seed = 1; seed <= 10; seed++) expect(stream(answer, seed)).toEqual({ sent: answer, leaked: false });
  });

  it('guards only confidential instructions long enough to hold a secret', () => {
    expect(InstructionsGuard.for(SECRET, false)).toBeNull();
    expect(InstructionsGuard.for('Be brief.', true)).toBeNull();
    expect(InstructionsGuard.for(SECRET, true)).not.toBeNull();
  });
});
