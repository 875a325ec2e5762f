import { frameParser } from '../../../../test/support/event-stream';
import type { TestClient } from './client';

export interface Frame {
  event: string;
  id?: string;
  data: any;
}

export interface OpenStream {
  status: number;
  frames: Frame[];
  /** Waits until the frames so far satisfy the predicate. */
  waitFor(predicate: (frames: Frame[]) => boolean, ms?: number): Promise<void>;
  /** Frames of one event type. */
  of(event: string): Frame[];
  /** Drops the connection (as a network failure would). */
  close(): Promise<void>;
}

/** An event stream opened with a test client's credentials, read frame by frame as it arrives. */
export async function openStream(
  client: TestClient,
  path: string,
  headers: Record<string, string> = {},
): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await client.fetch(path, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  return readFrames(response, controller);
}

/**
 * Reads an event-stream response frame by frame as it arrives (`controller` is the one its
 * fetch was given: closing aborts it). Blocks without an event name (`retry:`, keep-alive
 * comments) are not frames.
 */
export function readFrames(response: Response, controller: AbortController): OpenStream {
  const frames: Frame[] = [];
  const pump = (async () => {
    if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) return;
    const parser = frameParser((frame) => {
      if (frame.event) frames.push(frame as Frame);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.feed(value);
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: response.status,
    frames,
    of: (event) => frames.filter((f) => f.event === event),
    async waitFor(predicate, ms = 8000) {
      const deadline = Date.now() + ms;
      while (!predicate(frames)) {
        if (Date.now() > deadline)
          throw new Error(
            `timed out; frames: ${JSON.stringify(frames.map((f) => [f.event, f.id, f.data?.status ?? f.data?.role ?? f.data?.cause]))}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}
