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

  it('reads an entry in use again before it expires: the old value meanwhile, the new one after', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const cache = new TtlCache<string, number>({ ttlMs: 5_000, max: 10, refreshAheadMs: 1_000 });
    cache.set('a', 1);
    let loads = 0;
    let finish!: (value: number | undefined) => void;
    const load = () => {
      loads += 1;
      return new Promise<number | undefined>((resolve) => (finish = resolve));
    };
    vi.setSystemTime(1_003_999);
    cache.refreshAhead('a', load);
    expect(loads).toBe(0); // not yet in its last second
    vi.setSystemTime(1_004_000);
    cache.refreshAhead('a', load);
    cache.refreshAhead('a', load);
    expect(loads).toBe(1); // once while one runs
    expect(cache.get('a')).toBe(1);
    finish(2);
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(1_008_500); // past the first value's expiry, within the new one's
    expect(cache.get('a')).toBe(2);
  });

  it('forgets a key whose refresh finds nothing, and drops a refresh that a delete overtook', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const cache = new TtlCache<string, number>({ ttlMs: 5_000, max: 10, refreshAheadMs: 1_000 });
    cache.set('gone', 1);
    cache.set('revoked', 1);
    vi.setSystemTime(1_004_500);
    cache.refreshAhead('gone', async () => undefined);
    let finish!: (value: number) => void;
    cache.refreshAhead('revoked', () => new Promise<number>((resolve) => (finish = resolve)));
    cache.delete('revoked'); // e.g. revoked on this process while the read was under way
    finish(1);
    await vi.advanceTimersByTimeAsync(0);
    expect([cache.get('gone'), cache.get('revoked')]).toEqual([undefined, undefined]);
  });

  it('keeps the entry when a refresh fails, and tries again on a later use', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const cache = new TtlCache<string, number>({ ttlMs: 5_000, max: 10, refreshAheadMs: 1_000 });
    cache.set('a', 1);
    vi.setSystemTime(1_004_500);
    let loads = 0;
    cache.refreshAhead('a', async () => {
      loads += 1;
      throw new Error('database down');
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.get('a')).toBe(1);
    cache.refreshAhead('a', async () => {
      loads += 1;
      return 3;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect([loads, cache.get('a')]).toEqual([2, 3]);
  });

  it('does not store a value loaded before a delete (read)', async () => {
    const cache = new TtlCache<string, number>({ ttlMs: 5_000, max: 10 });
    await cache.read('a', async () => {
      cache.delete('a'); // forgotten while the load was under way
      return 1;
    });
    expect(cache.get('a')).toBeUndefined();
    await cache.read('a', async () => 2);
    expect(cache.get('a')).toBe(2);
  });
});
