import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import type { EventBus, EventListener, PlatformEvent } from './types';

const CHANNEL = 'switchboard:events';

function deliver(listeners: Set<EventListener>, event: PlatformEvent, log: Logger): void {
  for (const listener of listeners) {
    Promise.resolve()
      .then(() => listener(event))
      .catch((error) => log.error({ err: error, eventType: event.type }, 'event listener failed'));
  }
}

/** Single-process bus: every listener in this process gets every event. */
export function createMemoryBus(log: Logger): EventBus {
  const listeners = new Set<EventListener>();
  const emitter = new EventEmitter();
  emitter.on('event', (event: PlatformEvent) => deliver(listeners, event, log));
  return {
    kind: 'memory',
    async publish(events) {
      for (const event of events) emitter.emit('event', event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}

/**
 * Redis pub/sub: every process gets every event, whichever process committed it, so any
 * server can hold any realtime connection. A process hears its own events back through
 * Redis, not locally, so each listener sees each event once.
 */
export async function createRedisBus(url: string, log: Logger): Promise<EventBus> {
  const listeners = new Set<EventListener>();
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableReadyCheck: true } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  publisher.on('error', (error) => log.warn({ err: error }, 'redis publisher error'));
  subscriber.on('error', (error) => log.warn({ err: error }, 'redis subscriber error'));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      deliver(listeners, JSON.parse(message) as PlatformEvent, log);
    } catch (error) {
      log.error({ err: error }, 'malformed event on the bus');
    }
  });
  return {
    kind: 'redis',
    async publish(events) {
      if (!events.length) return;
      const pipeline = publisher.pipeline();
      for (const event of events) pipeline.publish(CHANNEL, JSON.stringify(event));
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
