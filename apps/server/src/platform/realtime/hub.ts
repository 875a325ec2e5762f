import type { EventBus, PlatformEvent } from '../events/types';
import { detachedFromTransaction } from '../tenancy/transaction';

export type RealtimeListener = (event: PlatformEvent) => void;

/** Ephemeral events (typing, presence) skip the outbox: losing one is harmless, writing each is not. */
const EPHEMERAL_PREFIX = 'ephemeral:';
const SEEN_LIMIT = 5_000;

/**
 * One bus subscription per process, fanned out to the realtime connections of each tenant.
 * A listener hears only its tenant's events, each once: the bus delivers at least once
 * (an outbox row may be republished after a crash), so ids already seen are dropped.
 */
export class RealtimeHub {
  private readonly byTenant = new Map<string, Set<RealtimeListener>>();
  private readonly seen = new Set<string>();
  private readonly unsubscribe: () => void;
  private sequence = 0;

  constructor(private readonly bus: EventBus) {
    // The in-process bus delivers inside the drainer's transaction; listeners must not inherit it.
    this.unsubscribe = bus.subscribe((event) => detachedFromTransaction(() => this.dispatch(event)));
  }

  /** Listens to one tenant's committed (and ephemeral) events. Returns the unsubscribe. */
  subscribe(tenantId: string, listener: RealtimeListener): () => void {
    if (!tenantId) throw new Error('A realtime subscription needs a tenant');
    let set = this.byTenant.get(tenantId);
    if (!set) this.byTenant.set(tenantId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byTenant.get(tenantId) === set) this.byTenant.delete(tenantId);
    };
  }

  /** Connections listening in this process (all tenants). */
  get listenerCount(): number {
    let count = 0;
    for (const set of this.byTenant.values()) count += set.size;
    return count;
  }

  /**
   * Publishes an event that is not stored (typing indicators, presence) to every process.
   * Its id starts with `ephemeral:` so clients never use it to resume.
   */
  async publishEphemeral(tenantId: string, type: string, payload: Record<string, unknown>): Promise<void> {
    const id = `${EPHEMERAL_PREFIX}${process.pid}:${Date.now()}:${++this.sequence}`;
    await this.bus.publish([{ id, tenantId, type, payload, createdAt: new Date().toISOString() }]);
  }

  private dispatch(event: PlatformEvent): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > SEEN_LIMIT) {
      // Sets iterate in insertion order: forget the oldest half.
      let drop = SEEN_LIMIT / 2;
      for (const id of this.seen) {
        if (drop-- <= 0) break;
        this.seen.delete(id);
      }
    }
    const listeners = this.byTenant.get(event.tenantId);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(event);
  }

  close(): void {
    this.unsubscribe();
    this.byTenant.clear();
  }
}

export const isEphemeral = (event: PlatformEvent) => event.id.startsWith(EPHEMERAL_PREFIX);

let hub: RealtimeHub | null = null;

export function setRealtimeHub(value: RealtimeHub | null): void {
  hub = value;
}

export function realtimeHub(): RealtimeHub {
  if (!hub) throw new Error('The realtime hub is not started');
  return hub;
}
