/** An event as delivered on the bus: committed, with its outbox id for de-duplication. */
export interface PlatformEvent<P = Record<string, unknown>> {
  /** `${tenantId}:${outboxId}`, unique and stable across redeliveries. */
  id: string;
  tenantId: string;
  type: string;
  payload: P;
  createdAt: string;
}

export type EventListener = (event: PlatformEvent) => void | Promise<void>;

export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish(events: PlatformEvent[]): Promise<void>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}
