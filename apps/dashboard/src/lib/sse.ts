export interface SseEvent {
  event: string;
  /** The data lines joined; JSON-parsed when they are JSON. */
  data: unknown;
  id: string | undefined;
}

/**
 * Server-sent events read from a fetch body as they arrive (EventSource can't POST or send
 * headers). Follows the spec's field rules: `event`, `data` (joined by newlines), `id`,
 * comments starting with ":", CRLF or LF line ends, an event ends at a blank line.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  // One decoder across chunks: a character split between two chunks is decoded whole.
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const flush = (): SseEvent | null => {
    if (data.length === 0) {
      event = '';
      return null;
    }
    const raw = data.join('\n');
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // plain text data stays a string
    }
    const out = { event: event || 'message', data: parsed, id };
    event = '';
    data = [];
    return out;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        // A lone "\r" at the very end may be the first half of "\r\n": wait for more.
        if (buffer[newline] === '\r' && newline === buffer.length - 1) break;
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          const complete = flush();
          if (complete) yield complete;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
        else if (field === 'id') id = text;
      }
    }
  } finally {
    // Also when the reader of these events stops early: the body is not read any further.
    await reader.cancel().catch(() => undefined);
  }
  // An event the stream did not end with a blank line is incomplete: dropped, as the spec says.
}
