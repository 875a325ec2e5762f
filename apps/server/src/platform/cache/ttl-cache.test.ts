import { afterEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  afterEach(() => vi.useRealTimers());

  it('returns a value until its time is up, then forgets it', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const cache = new TtlCache<string, number>({ ttlMs: 5_000, max: 10 });
    cache.set('a', 1);
    vi.setSystemTime(1_004_999);
    expect(cache.get('a')).toBe(1);
    vi.setSystemTime(1_005_000);
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the oldest entry beyond its size, and forgets by key or by value', () => {
    const cache = new TtlCache<string, { id: string }>({ ttlMs: Infinity, max: 2 });
    cache.set('a', { id: 'k1' });
    cache.set('b', { id: 'k2' });
    cache.set('c', { id: 'k2' });
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, { id: 'k2' }, { id: 'k2' }]);
    cache.deleteWhere((value) => value.id === 'k2');
    expect([cache.get('b'), cache.get('c')]).toEqual([undefined, undefined]);
    cache.set('d', { id: 'k3' });
    cache.delete('d');
    expect(cache.get('d')).toBeUndefined();
  });
});
