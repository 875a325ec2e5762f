import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { eventStream } from './event-stream';

describe('eventStream', () => {
  it('writes events in the server-sent events format, with the headers an event stream needs', async () => {
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        stream.send('token', JSON.stringify({ text: 'Hi' }), '1');
        await new Promise((r) => setTimeout(r, 5));
        stream.send('done', '{}');
      }),
    );
    const response = await app.request('/');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('event: token\ndata: {"text":"Hi"}\nid: 1\n\nevent: done\ndata: {}\n\n');
  });

  it('tells the producer when the client goes away', async () => {
    const seen = new Promise<boolean>((resolve) => {
      const app = new Hono().get('/', (c) =>
        eventStream(c, async (stream) => {
          stream.send('token', '"a"');
          await new Promise((r) => stream.gone.addEventListener('abort', r));
          resolve(stream.gone.aborted);
        }),
      );
      void Promise.resolve(app.request('/')).then(async (response) => {
        const reader = response.body!.getReader();
        await reader.read();
        await reader.cancel();
      });
    });
    expect(await seen).toBe(true);
  });

  it('refuses data that would break the framing', async () => {
    let thrown: unknown;
    const app = new Hono().get('/', (c) =>
      eventStream(c, async (stream) => {
        try {
          stream.send('token', 'two\nlines');
        } catch (error) {
          thrown = error;
        }
      }),
    );
    expect(await (await app.request('/')).text()).toBe('');
    expect((thrown as Error).message).toMatch(/one line/);
  });
});
