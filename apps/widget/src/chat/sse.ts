import { createParser } from 'eventsource-parser';

/** One server-sent event. */
export interface SseFrame {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a text/event-stream response body frame by frame (fetch, not EventSource: the
 * visitor token travels in a header, and reconnecting is ours to decide). The line rules are
 * eventsource-parser's: CRLF, CR or LF, split anywhere between chunks.
 */
export async function readSse(response: Response, onFrame: (frame: SseFrame) => void): Promise<void> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: ({ event, data, id }) => onFrame({ event: event ?? 'message', data, ...(id ? { id } : {}) }),
  });
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    // A final "\r" waits for a "\n" that may follow; once the body ends, it ends its line.
    if (done) {
      if (text.endsWith('\r')) parser.feed('\n');
      return;
    }
    const chunk = decoder.decode(value, { stream: true });
    if (chunk) parser.feed((text = chunk));
  }
}
