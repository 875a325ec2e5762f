import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { PlatformEvent } from '../events/types';
import { rootLogger } from '../log';
import { realtimeHub } from './hub';

/** What a realtime stream sends: `id` only on items a client may resume after (stored messages). */
export interface RealtimeItem {
  event: string;
  data: unknown;
  id?: string;
}

export interface RealtimeStreamOptions {
  tenantId: string;
  /** Where the client left off: `Last-Event-ID` or an `after` query, already validated. */
  after: string | null;
  /** Everything the client missed after `after` (or the initial snapshot), read from the database. */
  replay(after: string | null): Promise<RealtimeItem[]>;
  /** Turns one of the tenant's events into what this stream sends, or null to skip it. */
  select(event: PlatformEvent): RealtimeItem | null | Promise<RealtimeItem | null>;
  heartbeatMs?: number;
  /** Called once when the stream ends (client gone or server stopping). */
  onClose?: () => void;
}

/**
 * Server-sent events for a realtime view, without gaps or repeats across reconnects: it
 * subscribes first and buffers, replays what was stored after the client's last id, then
 * sends the buffered events not already replayed, then goes live. Items carry the ids of
 * stored rows, so a reconnecting EventSource resumes with `Last-Event-ID`.
 */
export function streamRealtime(c: Context, options: RealtimeStreamOptions): Response {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    const sent = new Set<string>();
    let buffer: PlatformEvent[] | null = [];
    let chain = Promise.resolve();
    const write = async (item: RealtimeItem) => {
      if (item.id) {
        if (sent.has(item.id)) return;
        sent.add(item.id);
      }
      await stream.writeSSE({ event: item.event, data: JSON.stringify(item.data), ...(item.id ? { id: item.id } : {}) });
    };
    const deliver = (event: PlatformEvent) => {
      // One at a time and in order: `select` may read the database.
      chain = chain
        .then(async () => {
          const item = await options.select(event);
          if (item && !stream.closed) await write(item);
        })
        .catch((error) => {
          rootLogger().warn({ err: error, eventType: event.type }, 'realtime stream ended by a failed event');
          stream.abort();
        });
    };
    const unsubscribe = realtimeHub().subscribe(options.tenantId, (event) => (buffer ? buffer.push(event) : deliver(event)));
    const heartbeat = setInterval(() => {
      void stream.write(': keep-alive\n\n').catch(() => stream.abort());
    }, heartbeatMs);
    const closed = new Promise<void>((resolve) => {
      if (stream.aborted) resolve();
      stream.onAbort(resolve);
    });
    try {
      await stream.write('retry: 2000\n\n');
      for (const item of await options.replay(options.after)) await write(item);
      const pending = buffer;
      buffer = null;
      for (const event of pending) deliver(event);
      await closed;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      options.onClose?.();
    }
  });
}
