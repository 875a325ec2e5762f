import type { Context } from 'hono';
import { holdStreamSlot, nodeResponse } from './stream-slots';

export interface EventStreamWriter {
  /** Sends one event (`data` is one line: JSON is). Ignored once the client is gone. */
  send(event: string, data: string, id?: string): void;
  /** Aborted when the client goes away. */
  readonly gone: AbortSignal;
}

type Produce = (stream: EventStreamWriter) => Promise<void>;

const frame = (event: string, data: string, id: string | undefined) => {
  if (/[\r\n]/.test(data) || /[\r\n]/.test(event)) throw new Error('An event and its data are one line each');
  return `event: ${event}\ndata: ${data}\n${id === undefined ? '' : `id: ${id}\n`}\n`;
};

/**
 * A server-sent event stream as a response, for the chat turn's hot path (Hono's streamSSE
 * passes every event through a TransformStream and a second ReadableStream, CPU that the chat
 * bench shows per answer). Same wire format: `event`, `data`, `id` lines and a blank line.
 *
 * The response body is a ReadableStream that node-server reads and writes out, and that ends
 * the response when closed; it sends the status and the headers as the middleware left them.
 * On Node's HTTP server, once those headers are out, each event is written straight to the
 * ServerResponse instead of being enqueued and read back (a promise and a pass of node-server's
 * reader per event). Until then — and always elsewhere (`app.request` in tests) — events are
 * enqueued, and a stream that enqueued one keeps enqueuing, so the order holds.
 */
export function eventStream(c: Context, produce: Produce): Response {
  const direct = nodeResponse(c);
  // Counted while the client holds it (429/503 past the limits), before the producer starts.
  const release = holdStreamSlot(c);
  const gone = new AbortController();
  let open = true;
  let enqueued = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (ready) => void (controller = ready),
    cancel: () => {
      open = false;
      release();
      gone.abort();
    },
  });
  const writer: EventStreamWriter = {
    gone: gone.signal,
    send(event, data, id) {
      if (!open) return;
      const text = frame(event, data, id);
      if (direct && !enqueued && direct.headersSent) {
        direct.write(text);
        return;
      }
      enqueued = true;
      controller.enqueue(Buffer.from(text));
    },
  };
  const end = (error?: unknown) => {
    if (!open) return;
    open = false;
    release();
    // A producer that throws cuts the connection (the client sees the stream fail, not end).
    if (error === undefined) controller.close();
    else controller.error(error);
  };
  produce(writer).then(
    () => end(),
    (error: unknown) => end(error ?? new Error('The event stream failed')),
  );
  c.header('Content-Type', 'text/event-stream');
  c.header('Cache-Control', 'no-cache');
  c.header('Connection', 'keep-alive');
  return c.newResponse(body);
}
