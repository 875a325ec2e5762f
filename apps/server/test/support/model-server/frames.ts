import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A streamed response as a list of raw SSE frames. Content frames (text or tool-argument
 * deltas) are the ones the script's delays, drop and malformed positions count.
 */
export interface Frame {
  data: string;
  content: boolean;
}

export interface PlayOptions {
  firstTokenDelayMs: number;
  tokenDelayMs: number;
  dropAfter?: number;
  /** Index of the content frame before which a non-JSON frame is sent. */
  malformedAt?: number;
  malformedFrame: string;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

export type PlayOutcome = 'finished' | 'dropped' | 'closed';

export const sseFrame = (data: unknown, event?: string): string =>
  `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

export async function playFrames(res: ServerResponse, frames: Frame[], options: PlayOptions): Promise<PlayOutcome> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  if (!(await pause(options.firstTokenDelayMs, options.signal))) return 'closed';
  let contentSent = 0;
  let lastWrite: Promise<void> = Promise.resolve();
  const write = (data: string) => {
    lastWrite = new Promise((resolve) => res.write(data, () => resolve()));
  };
  for (const frame of frames) {
    if (options.signal.aborted) return 'closed';
    if (options.dropAfter !== undefined && contentSent >= options.dropAfter) {
      // Let what was written reach the client first: a drop keeps the partial answer.
      await lastWrite;
      res.socket?.destroy();
      return 'dropped';
    }
    if (frame.content) {
      if (options.malformedAt === contentSent) write(options.malformedFrame);
      if (contentSent > 0 && !(await pause(options.tokenDelayMs, options.signal))) return 'closed';
      contentSent += 1;
    }
    write(frame.data);
  }
  if (options.malformedAt !== undefined && options.malformedAt >= contentSent) write(options.malformedFrame);
  res.end();
  return 'finished';
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
