import { describe, expect, it } from 'vitest';
import { sseBody, sseCases } from '../../../../test/clients/sse-cases';
import { readSse, type SseFrame } from './sse';

describe("readSse, on the streams the dashboard's reader shares", () => {
  it.each(sseCases)('$name', async (c) => {
    const frames: SseFrame[] = [];
    await readSse(new Response(sseBody(c)), (frame) => frames.push(frame));
    expect(frames).toEqual(c.events);
  });
});
