import type { Context } from 'hono';
import type { PlatformEvent } from '../events/types';
import { holdStreamSlot, nodeResponse } from '../http/stream-slots';
import { rootLogger } from '../log';
import { frameOf, KEEP_ALIVE_FRAME, RETRY_FRAME, type RealtimeItem } from './frames';
import { realtimeHub } from './hub';

export type { RealtimeItem };

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

/** A client this far behind (bytes queued, unread) is disconnected: it reconnects and resumes by id. */
const MAX_QUEUED_BYTES = 1024 * 1024;

const HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/**
 * Server-sent events for a realtime view, without gaps or repeats across reconnects: it
 * subscribes first and buffers, replays what was stored after the client's last id, then
 * sends the buffered events not already replayed, then goes live. Items carry the ids of
 * stored rows, so a reconnecting EventSource resumes with `Last-Event-ID`.
 *
 * The body is one ReadableStream whose frames are enqueued as they come (no writer, pipe or
 * promise per write): a process holds thousands of these, and each costs what it holds.
 */
export function streamRealtime(c: Context, options: RealtimeStreamOptions): Response {
  // A HEAD request's body is never read nor cancelled (Hono answers HEAD with the GET handler
  // and drops the body): a stream opened for it would stay subscribed forever.
  if (c.req.method === 'HEAD') return c.body(null, 200, HEADERS);
  // Counted while open (429/503 past the limits); the slot is given back when the stream ends.
  const release = holdStreamSlot(c);
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const sent = new Set<string>();
  let buffer: PlatformEvent[] | null = [];
  let chain = Promise.resolve();
  let ended = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;

  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    try {
      controller.close();
    } catch {
      /* already closed or cancelled */
    }
    release();
    options.onClose?.();
  };
  const send = (bytes: Uint8Array) => {
    if (ended) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return end();
    controller.enqueue(bytes);
  };
  const write = (item: RealtimeItem) => {
    if (item.id) {
      if (sent.has(item.id)) return;
      sent.add(item.id);
    }
    send(frameOf(item));
  };
  const deliver = (event: PlatformEvent) => {
    // One at a time and in order: `select` may read the database.
    chain = chain
      .then(async () => {
        if (ended) return;
        const item = await options.select(event);
        if (item) write(item);
      })
      .catch((error) => {
        rootLogger().warn({ err: error, eventType: event.type }, 'realtime stream ended by a failed event');
        end();
      });
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        unsubscribe = realtimeHub().subscribe(options.tenantId, (event) =>
          buffer ? buffer.push(event) : deliver(event),
        );
        heartbeat = setInterval(() => send(KEEP_ALIVE_FRAME), heartbeatMs);
        send(RETRY_FRAME);
        void options
          .replay(options.after)
          .then((items) => {
            for (const item of items) write(item);
            const pending = buffer ?? [];
            buffer = null;
            for (const event of pending) deliver(event);
          })
          .catch((error) => {
            rootLogger().warn({ err: error }, 'realtime stream ended: its replay failed');
            end();
          });
      },
      cancel: end,
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  // However the connection ends, the stream ends with it (the body's reader is normally
  // cancelled then too; this does not depend on it).
  const response = nodeResponse(c);
  if (response?.closed) end();
  else response?.once('close', end);
  return c.body(body, 200, HEADERS);
}
