/**
 * A small per-process cache for values read on every request (an API key's grants, a
 * workspace's hand-off settings, an immutable agent version). Entries expire after `ttlMs`
 * (Infinity for values that never change); the oldest entry goes when `max` is reached. A
 * change made on this process forgets its entry at once; other processes see it within ttlMs.
 *
 * With `refreshAheadMs`, an entry in use is read again in the background that long before it
 * expires (refreshAhead), so a steadily used entry never expires on a request's path — where
 * it cost a transaction, every few seconds per key — and is never older than ttlMs.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; at: number; refreshing?: boolean }>();
  /** Bumped by every delete: a load that began before one does not store its (older) value. */
  private generation = 0;

  constructor(private readonly options: { ttlMs: number; max: number; refreshAheadMs?: number }) {}

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at >= this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: Date.now() });
    if (this.entries.size > this.options.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * The remembered value (then refreshAhead with `later`), or what `now` loads: stored unless
   * it is undefined (nothing to remember) or something was forgotten while it loaded (a
   * revocation committed meanwhile wins). `later` defaults to `now`; a caller inside a
   * transaction passes one that opens its own.
   */
  async read(
    key: K,
    now: () => Promise<V | undefined>,
    later: () => Promise<V | undefined> = now,
  ): Promise<V | undefined> {
    const hit = this.get(key);
    if (hit !== undefined) {
      this.refreshAhead(key, later);
      return hit;
    }
    const startedAt = this.generation;
    const value = await now();
    if (value !== undefined && startedAt === this.generation) this.set(key, value);
    return value;
  }

  /**
   * When `key`'s entry is within refreshAheadMs of expiring, starts `load` once (not awaited)
   * and stores what it returns; undefined forgets the key (a revoked key, a deleted row). A
   * failed load changes nothing: the entry expires as it would have. The caller runs `load`
   * outside its own transaction (it outlives the request).
   */
  refreshAhead(key: K, load: () => Promise<V | undefined>): void {
    const hit = this.entries.get(key);
    const ahead = this.options.refreshAheadMs;
    if (!hit || ahead === undefined || hit.refreshing || Date.now() - hit.at < this.options.ttlMs - ahead) return;
    hit.refreshing = true;
    const startedAt = this.generation;
    load().then(
      (value) => {
        // Forgetting is always safe; a value is stored only if nothing was forgotten meanwhile.
        if (value === undefined) this.entries.delete(key);
        else if (startedAt === this.generation) this.set(key, value);
      },
      () => {
        if (this.entries.get(key) === hit) hit.refreshing = false;
      },
    );
  }

  delete(key: K): void {
    this.generation += 1;
    this.entries.delete(key);
  }

  /** Forgets every entry whose value matches (e.g. all hashes of one API key id). */
  deleteWhere(matches: (value: V, key: K) => boolean): void {
    this.generation += 1;
    for (const [key, { value }] of this.entries) if (matches(value, key)) this.entries.delete(key);
  }
}
