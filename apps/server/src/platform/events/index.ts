export { emit } from './outbox';
export type { EventBus, EventListener, PlatformEvent } from './types';
