import { describe, expect, it } from 'vitest';
import { sseBody, sseCases } from '../../../../test/clients/sse-cases';
import { readSse, type SseEvent } from './sse';

/** A body delivered in exactly these pieces, as a network would split it. */
function body(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readSse(stream)) out.push(event);
  return out;
}

describe('readSse', () => {
  it('parses named events with JSON data and ids', async () => {
    const events = await collect(
      body('event: token\ndata: {"text":"Hel"}\nid: 1\n\nevent: token\ndata: {"text":"lo"}\nid: 2\n\n'),
    );
    expect(events).toEqual([
      { event: 'token', data: { text: 'Hel' }, id: '1' },
      { event: 'token', data: { text: 'lo' }, id: '2' },
    ]);
  });

  it('reassembles events split anywhere, including inside CRLF and multi-byte characters', async () => {
    const text = 'event: token\r\ndata: {"text":"café ☕"}\r\n\r\nevent: done\r\ndata: {"ok":true}\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    expect(await collect(stream)).toEqual([
      { event: 'token', data: { text: 'café ☕' }, id: undefined },
      { event: 'done', data: { ok: true }, id: undefined },
    ]);
  });

  it('joins multiple data lines, skips comments, and defaults the event name to message', async () => {
    const events = await collect(body(': keep-alive\n\ndata: first\ndata: second\n\n'));
    expect(events).toEqual([{ event: 'message', data: 'first\nsecond', id: undefined }]);
  });

  it('drops an event the stream cut off before its blank line', async () => {
    const events = await collect(body('event: token\ndata: {"text":"a"}\n\nevent: done\ndata: {"content":'));
    expect(events.map((e) => e.event)).toEqual(['token']);
  });

  it("hands the server's retry interval to the caller", async () => {
    const retries: number[] = [];
    const events: SseEvent[] = [];
    for await (const event of readSse(body('retry: 5000\n\ndata: x\n\n'), { onRetry: (ms) => retries.push(ms) }))
      events.push(event);
    expect(retries).toEqual([5000]);
    expect(events).toEqual([{ event: 'message', data: 'x', id: undefined }]);
  });
});

describe("readSse, on the streams the widget's reader shares", () => {
  it.each(sseCases)('$name', async (c) => {
    const events = await collect(sseBody(c));
    const asSent = events.map(({ event, data, id }) => ({
      event,
      data: typeof data === 'string' ? data : JSON.stringify(data),
      id,
    }));
    expect(asSent).toEqual(c.events.map((e) => ({ ...e, id: e.id })));
  });
});
