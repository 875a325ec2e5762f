import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../events/bus';
import type { EventBus, PlatformEvent } from '../events/types';
import { createLogger } from '../log';
import { RealtimeHub, setRealtimeHub } from './hub';
import { streamRealtime, type RealtimeItem } from './sse';
import { frameParser, type StreamFrame } from '../../../../../test/support/event-stream';

const log = createLogger('silent');
const event = (
  tenantId: string,
  id: string,
  type = 'message.created',
  payload: Record<string, unknown> = {},
): PlatformEvent => ({
  id: `${tenantId}:${id}`,
  tenantId,
  type,
  payload,
  createdAt: new Date().toISOString(),
});
const tick = () => new Promise((r) => setTimeout(r, 10));

let bus: EventBus;
let hub: RealtimeHub;
afterEach(() => {
  hub?.close();
  setRealtimeHub(null);
});

function start() {
  bus = createMemoryBus(log);
  hub = new RealtimeHub(bus);
  setRealtimeHub(hub);
}

/** Reads SSE frames off a response until `count` data frames have arrived. */
async function readFrames(response: Response, count: number): Promise<StreamFrame[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const frames: StreamFrame[] = [];
  const parser = frameParser((frame) => frames.push(frame));
  while (frames.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  await reader.cancel();
  return frames;
}

describe('realtime hub', () => {
  it('delivers a tenant only its own events, once each, and stops after unsubscribe', async () => {
    start();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = hub.subscribe('ten_a', (e) => a.push(e.id));
    hub.subscribe('ten_b', (e) => b.push(e.id));
    await bus.publish([event('ten_a', '1'), event('ten_b', '2'), event('ten_a', '1'), event('ten_a', '3')]);
    await tick();
    expect(a).toEqual(['ten_a:1', 'ten_a:3']);
    expect(b).toEqual(['ten_b:2']);
    expect(hub.listenerCount).toBe(2);
    stopA();
    await bus.publish([event('ten_a', '4')]);
    await tick();
    expect(a).toEqual(['ten_a:1', 'ten_a:3']);
    expect(hub.listenerCount).toBe(1);
  });

  it('publishes ephemeral events to the tenant with an id no client resumes from', async () => {
    start();
    const got: PlatformEvent[] = [];
    hub.subscribe('ten_a', (e) => got.push(e));
    await hub.publishEphemeral('ten_a', 'typing', { conversationId: 'conv_x' });
    await hub.publishEphemeral('ten_a', 'typing', { conversationId: 'conv_x' });
    await tick();
    expect(got.map((e) => e.type)).toEqual(['typing', 'typing']);
    expect(got[0]!.id).toMatch(/^ephemeral:/);
    expect(got[0]!.id).not.toBe(got[1]!.id);
  });
});

describe('streamRealtime', () => {
  it('replays after the last id, then sends live events without repeating the replayed ones', async () => {
    start();
    const stored: RealtimeItem[] = [
      { event: 'message', id: 'msg_1', data: { n: 1 } },
      { event: 'message', id: 'msg_2', data: { n: 2 } },
      { event: 'message', id: 'msg_3', data: { n: 3 } },
    ];
    let replayedAfter: string | null | undefined;
    const app = new Hono();
    app.get('/events', (c) =>
      streamRealtime(c, {
        tenantId: 'ten_a',
        after: c.req.header('last-event-id') ?? null,
        async replay(after) {
          replayedAfter = after;
          // An event committed while the replay reads is buffered, then dropped as already sent.
          await bus.publish([event('ten_a', '3', 'message.created', { messageId: 'msg_3' })]);
          await tick();
          return stored.slice(stored.findIndex((m) => m.id === after) + 1);
        },
        select: (e) =>
          e.type === 'message.created' ? { event: 'message', id: String(e.payload.messageId), data: e.payload } : null,
      }),
    );
    const response = await app.request('/events', { headers: { 'last-event-id': 'msg_1' } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const framesPromise = readFrames(response, 3);
    await new Promise((r) => setTimeout(r, 50));
    await bus.publish([
      event('ten_b', '9', 'message.created', { messageId: 'msg_b' }),
      event('ten_a', '4', 'other'),
      event('ten_a', '5', 'message.created', { messageId: 'msg_4' }),
    ]);
    const frames = await framesPromise;
    expect(replayedAfter).toBe('msg_1');
    expect(frames.map((f) => f.id)).toEqual(['msg_2', 'msg_3', 'msg_4']);
    await tick();
    expect(hub.listenerCount).toBe(0);
  });

  it('sends a shared item to every stream, and drops a client that stops reading (it resumes by id)', async () => {
    start();
    let closed = 0;
    const item = { event: 'message', data: { text: 'x'.repeat(1000) } };
    const app = new Hono();
    app.get('/events', (c) =>
      streamRealtime(c, {
        tenantId: 'ten_a',
        after: null,
        replay: async () => [],
        select: () => item,
        onClose: () => closed++,
      }),
    );
    const reading = await app.request('/events');
    const framesPromise = readFrames(reading, 2);
    const stalled = await app.request('/events');
    await tick();
    expect(hub.listenerCount).toBe(2);
    await bus.publish([event('ten_a', '1'), event('ten_a', '2')]);
    const frames = await framesPromise;
    expect(frames.map((f) => f.data)).toEqual([item.data, item.data]);
    await tick();
    // The stalled client never reads: past a megabyte queued, the server lets it go.
    await bus.publish(Array.from({ length: 1200 }, (_, i) => event('ten_a', `bulk-${i}`)));
    await tick();
    expect(closed).toBe(2);
    expect(hub.listenerCount).toBe(0);
    await stalled.body!.cancel();
  });
});
