export interface StreamEvent {
  event: string;
  data: unknown;
  id?: string;
}

export interface EventStreamOptions {
  /** Sent as X-Workspace-Id (an EventSource can't send headers, so this reads the stream with fetch). */
  workspaceId: string;
  onEvent(event: StreamEvent): void;
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
export function openEventStream(url: string, options: EventStreamOptions): () => void {
  const controller = new AbortController();
  let lastId: string | undefined;
  let retryMs = 2000;
  let failures = 0;

  const read = async (response: Response) => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        let event = 'message';
        let id: string | undefined;
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith(':')) continue;
          const at = line.indexOf(':');
          const field = at < 0 ? line : line.slice(0, at);
          const text = at < 0 ? '' : line.slice(at + 1).replace(/^ /, '');
          if (field === 'event') event = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id') id = text;
          else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
        }
        if (id) lastId = id;
        if (!data.length) continue;
        let parsed: unknown = data.join('\n');
        try {
          parsed = JSON.parse(parsed as string);
        } catch {
          /* plain text data */
        }
        options.onEvent({ event, data: parsed, ...(id && { id }) });
      }
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream', 'X-Workspace-Id': options.workspaceId };
        if (lastId) headers['Last-Event-ID'] = lastId;
        const response = await fetch(url, { headers, credentials: 'same-origin', signal: controller.signal, cache: 'no-store' });
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          options.onFail?.(response.status);
          return;
        }
        if (response.ok && response.body) {
          failures = 0;
          options.onOpen?.();
          await read(response);
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
