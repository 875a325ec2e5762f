/**
 * One database read per event per process, shared by every stream that shows it: a message
 * to a conversation watched by many connections is read once, not once per connection. Keys
 * start with the event's id, which names its tenant, so a row is shared within a tenant only;
 * each stream still checks its own access to what it gets.
 */
const KEEP_MS = 10_000;
const reads = new Map<string, { at: number; value: Promise<unknown> }>();

export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = reads.get(key);
  if (hit && hit.at > now - KEEP_MS) return hit.value as Promise<T>;
  const value = read();
  reads.set(key, { at: now, value });
  value.catch(() => reads.delete(key));
  if (reads.size > 2_000) for (const [k, entry] of reads) if (entry.at <= now - KEEP_MS) reads.delete(k);
  return value;
}
