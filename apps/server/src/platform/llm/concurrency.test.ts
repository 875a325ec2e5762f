import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { echoResponder, startModelServer, type ModelServer } from '../../../test/support/model-server';
import { collect, targetFor, WIRE_FORMATS } from '../../../test/support/model-server/harness';
import { configureCircuitBreakers, streamChat } from './index';

/** The scripted server and the layer under the load the benchmark puts on them: 200 chats at once. */
let server: ModelServer;

beforeAll(async () => {
  configureCircuitBreakers();
  server = await startModelServer({ tokenDelayMs: 10, record: false });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('the scripted server under load', () => {
  it('holds 200 streams open at once and finishes them all', async () => {
    // Every answer waits 1.5 s for its first chunk, so all 200 must be open together.
    const slow = await startModelServer({
      record: false,
      defaultResponder: (call) => ({ ...echoResponder(call), firstTokenDelayMs: 1_500 }),
    });
    const started = performance.now();
    const bodies = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await fetch(`${slow.openaiBaseURL}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: `q${i}` }] }),
        });
        return response.text();
      }),
    );
    expect(slow.streams().maxOpen).toBe(200);
    expect(slow.streams().open).toBe(0);
    await slow.close();
    bodies.forEach((body, i) => {
      expect(body).toContain(`q${i}`);
      expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe.each(WIRE_FORMATS)('200 concurrent chats through streamChat (%s)', (format) => {
  it('each gets its own complete answer, streams interleaved', async () => {
    const target = targetFor(server, format);
    const runs = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        collect(
          streamChat({
            target,
            system: 's',
            messages: [{ role: 'user', content: `question ${i} about shipping times` }],
          }),
        ),
      ),
    );
    runs.forEach((run, i) => {
      expect(run.text).toBe(`You said: question ${i} about shipping times`);
      expect(run.finish?.usage.outputTokens).toBeGreaterThan(0);
    });
    expect(server.streams().maxOpen).toBeGreaterThan(1);
    expect(server.streams().open).toBe(0);
  });
});
