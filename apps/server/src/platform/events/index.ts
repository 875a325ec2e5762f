export { emit, eventRow } from './outbox';
export {
  reactionData,
  setEventReactions,
  type EventReaction,
  type InTransactionReaction,
  type ReactionData,
} from './reactions';
export type { EventBus, EventListener, PlatformEvent } from './types';

import type { EventBus, EventListener } from './types';

let bus: EventBus | null = null;

export function setEventBus(value: EventBus | null): void {
  bus = value;
}

/** Listens to committed events from every process (realtime fan-out). */
export function subscribe(listener: EventListener): () => void {
  if (!bus) throw new Error('The event bus is not started');
  return bus.subscribe(listener);
}
