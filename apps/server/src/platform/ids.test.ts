import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids';

describe('ids', () => {
  it('are prefixed, unique and sort by creation time', async () => {
    const first = newId('agt');
    await new Promise((r) => setTimeout(r, 2));
    const second = newId('agt');
    expect(first).toMatch(/^agt_[0-9a-z]{26}$/);
    expect(first < second).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId('msg'))).size).toBe(1000);
  });

  it('made in the same millisecond, sort in the order they were made', () => {
    const ids = Array.from({ length: 2000 }, () => newId('msg'));
    const sameMs = ids.filter((id, i) => i > 0 && id.slice(4, 14) === ids[i - 1]!.slice(4, 14));
    expect(sameMs.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual(ids);
  });

  it('are recognised by prefix and shape', () => {
    expect(isId('agt', newId('agt'))).toBe(true);
    expect(isId('conv', newId('agt'))).toBe(false);
    expect(isId('agt', 'agt_short')).toBe(false);
    expect(isId('agt', `${newId('agt')}_x`)).toBe(false);
  });
});
