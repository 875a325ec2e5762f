import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './outcome';

describe('the retry schedule', () => {
  const at = new Date('2030-01-01T00:00:00Z');
  const after = (attempts: number, retryAfter: number | null = null) => {
    const next = nextAttemptAt(attempts, at, retryAfter);
    return next && (next.getTime() - at.getTime()) / 1000;
  };

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up after the eighth attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => after(n))).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, null]);
  });

  it('waits longer when the receiver asks (Retry-After), never shorter, and at most the longest step', () => {
    expect(after(1, 120)).toBe(120);
    expect(after(3, 60)).toBe(1800);
    expect(after(2, 10 ** 9)).toBe(36000);
  });
});
