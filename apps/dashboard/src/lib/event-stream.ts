import { readSse } from './sse';

export interface StreamEvent {
  event: string;
  data: unknown;
  id?: string;
}

/**
 * The stream's events as the contract's union says (`InboxEvent`, `ConversationEvent`):
 * narrowing on `event` types `data`. The stream is the server's, so its events are trusted
 * to match the contract rather than re-validated (that would load zod on every page).
 */
export type TypedStreamEvent<Union extends { event: string; data: unknown }> = Union & { id?: string };

export interface EventStreamOptions<Union extends { event: string; data: unknown } = StreamEvent> {
  /** Sent as X-Workspace-Id (an EventSource can't send headers, so this reads the stream with fetch). */
  workspaceId: string;
  onEvent(event: TypedStreamEvent<Union>): void;
  /** Connected (again): a good moment to refresh what the stream doesn't replay. */
  onOpen?(): void;
  /** Lost the connection; it retries by itself. */
  onDown?(): void;
  /** Refused for good (signed out, no access): it stops. */
  onFail?(status: number): void;
}

/**
 * Server-sent events over fetch, reconnecting like an EventSource: it waits the server's
 * `retry:` (longer after repeated failures) and resumes with `Last-Event-ID` when events
 * carried ids. Returns the function that closes it.
 */
export function openEventStream<Union extends { event: string; data: unknown } = StreamEvent>(
  url: string,
  options: EventStreamOptions<Union>,
): () => void {
  const controller = new AbortController();
  let lastId: string | undefined;
  let retryMs = 2000;
  let failures = 0;

  const read = async (body: ReadableStream<Uint8Array>) => {
    for await (const { event, data, id } of readSse(body, { onRetry: (ms) => (retryMs = ms) })) {
      if (id) lastId = id;
      options.onEvent({ event, data, ...(id && { id }) } as TypedStreamEvent<Union>);
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream', 'X-Workspace-Id': options.workspaceId };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const response = await fetch(url, {
          headers,
          credentials: 'same-origin',
          signal: controller.signal,
          cache: 'no-store',
        });
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          options.onFail?.(response.status);
          return;
        }
        if (response.ok && response.body) {
          failures = 0;
          options.onOpen?.();
          await read(response.body);
        }
      } catch {
        /* dropped: retried below */
      }
      if (controller.signal.aborted) return;
      options.onDown?.();
      failures++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, retryMs * 2 ** Math.max(0, failures - 1))));
    }
  })();

  return () => controller.abort();
}
