import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent {
  event: string;
  /** The data lines joined; JSON-parsed when they are JSON. */
  data: unknown;
  id: string | undefined;
}

export interface ReadSseOptions {
  /** The server's `retry:` field, in milliseconds. */
  onRetry?(ms: number): void;
}

/**
 * Server-sent events read from a fetch body as they arrive (EventSource can't POST or send
 * headers). The dashboard's one SSE reader: line ends, comments and field rules are
 * eventsource-parser's, which follows the spec (CRLF, CR or LF; an event ends at a blank line;
 * an event the stream cut off before that line is dropped).
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  options: ReadSseOptions = {},
): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  // One decoder across chunks: a character split between two chunks is decoded whole.
  const decoder = new TextDecoder();
  const ready: SseEvent[] = [];
  // The spec's "last event ID" carries over to later events that don't name their own.
  let lastId: string | undefined;
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      if (message.id !== undefined) lastId = message.id;
      ready.push({ event: message.event ?? 'message', data: parseData(message.data), id: lastId });
    },
    ...(options.onRetry && { onRetry: options.onRetry }),
  });
  // The parser holds back a final "\r" in case "\n" follows; at the end of the body it is a line end.
  let lastText = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      const text = done ? (lastText.endsWith('\r') ? '\n' : '') : decoder.decode(value, { stream: true });
      if (text) {
        parser.feed(text);
        lastText = text;
      }
      while (ready.length) yield ready.shift()!;
      if (done) break;
    }
  } finally {
    // Also when the reader of these events stops early: the body is not read any further.
    await reader.cancel().catch(() => undefined);
  }
}

function parseData(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw; // plain text data stays a string
  }
}
