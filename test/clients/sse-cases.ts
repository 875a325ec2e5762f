/**
 * Server-sent event streams as a network may deliver them, and the events both clients must
 * read from them: the dashboard's reader (apps/dashboard/src/lib/sse.ts) and the widget's
 * (apps/widget/src/chat/sse.ts) run every case. The spec allows LF, CRLF and CR line ends, and
 * a chunk may end anywhere, inside a CRLF or a multi-byte character included.
 */
export interface SseCase {
  name: string;
  /** The body: these pieces as they are, or the text cut into pieces of `every` bytes. */
  body: string[] | { text: string; every: number };
  /** The events, data as sent (before any JSON parsing). */
  events: Array<{ event: string; data: string; id?: string }>;
}

export const sseCases: SseCase[] = [
  {
    name: 'LF line ends, named events, ids',
    body: ['event: token\ndata: {"text":"Hel"}\nid: 1\n\nevent: token\ndata: {"text":"lo"}\nid: 2\n\n'],
    events: [
      { event: 'token', data: '{"text":"Hel"}', id: '1' },
      { event: 'token', data: '{"text":"lo"}', id: '2' },
    ],
  },
  {
    name: 'CRLF, cut every three bytes (inside line ends and characters)',
    body: {
      text: 'event: token\r\ndata: {"text":"café ☕"}\r\n\r\nevent: done\r\ndata: {"ok":true}\r\n\r\n',
      every: 3,
    },
    events: [
      { event: 'token', data: '{"text":"café ☕"}' },
      { event: 'done', data: '{"ok":true}' },
    ],
  },
  {
    name: 'CR-only line ends',
    body: ['event: token\rdata: {"text":"a"}\r\rdata: plain\r\r'],
    events: [
      { event: 'token', data: '{"text":"a"}' },
      { event: 'message', data: 'plain' },
    ],
  },
  {
    // A reader that takes a chunk's final "\r" for a line end sees "\r" + "\n" as two lines:
    // a blank line that ends the event early.
    name: 'every CRLF cut between its CR and its LF',
    body: [
      'event: token\r',
      '\ndata: first\r',
      '\ndata: second\r',
      '\n\r',
      '\nevent: done\r',
      '\ndata: {}\r',
      '\n\r',
      '\n',
    ],
    events: [
      { event: 'token', data: 'first\nsecond' },
      { event: 'done', data: '{}' },
    ],
  },
  {
    name: 'LF, CRLF and CR mixed, one byte at a time',
    body: { text: 'event: a\ndata: 1\n\nevent: b\r\ndata: 2\r\n\r\nevent: c\rdata: 3\r\r', every: 1 },
    events: [
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
      { event: 'c', data: '3' },
    ],
  },
  {
    name: 'comments skipped, data lines joined, the event name defaults to message',
    body: [': keep-alive\n\ndata: first\ndata: second\n\n:\r\n\r\n'],
    events: [{ event: 'message', data: 'first\nsecond' }],
  },
  {
    name: 'an event the stream cut off before its blank line is dropped',
    body: ['event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {"content":'],
    events: [{ event: 'token', data: '{"text":"a"}' }],
  },
];

/** The case's body as a fetch response body delivers it, piece by piece. */
export function sseBody(c: SseCase): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pieces: Uint8Array[];
  if (Array.isArray(c.body)) pieces = c.body.map((piece) => encoder.encode(piece));
  else {
    const bytes = encoder.encode(c.body.text);
    pieces = [];
    for (let i = 0; i < bytes.length; i += c.body.every) pieces.push(bytes.slice(i, i + c.body.every));
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}
