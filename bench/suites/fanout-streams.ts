import http from 'node:http';

/**
 * Many open SSE connections held by one client process with node:http (lighter than fetch
 * at this count), each noticing when a given marker arrives.
 */
export interface StreamFleet {
  count(): number;
  /** Resolves when every stream has seen `marker` after now: first and last arrival, in ms after `since`. */
  arrival(
    marker: string,
    since: number,
    timeoutMs?: number,
  ): Promise<{ firstMs: number; lastMs: number; reached: number }>;
  close(): void;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function openOne(
  url: URL,
  headers: Record<string, string>,
  onData: (chunk: string) => void,
): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      response.on('data', onData);
      // The first bytes (`retry:` and the status) mean the stream is live and subscribed.
      response.once('data', () => resolve(request));
    });
    request.on('error', reject);
  });
}

export async function openFleet(
  target: string,
  headers: Record<string, string>,
  total: number,
  batch = 250,
): Promise<StreamFleet> {
  const url = new URL(target);
  const requests: http.ClientRequest[] = [];
  let waiting: {
    marker: string;
    since: number;
    seen: Set<number>;
    first: number;
    last: number;
    done: () => void;
  } | null = null;
  const listen = (index: number) => (chunk: string) => {
    const w = waiting;
    if (!w || w.seen.has(index) || !chunk.includes(w.marker)) return;
    const at = performance.now() - w.since;
    if (!w.seen.size) w.first = at;
    w.seen.add(index);
    w.last = at;
    if (w.seen.size === requests.length) w.done();
  };
  for (let start = 0; start < total; start += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, total - start) }, (_, i) => openOne(url, headers, listen(start + i))),
    );
    requests.push(...opened);
  }
  return {
    count: () => requests.length,
    arrival(marker, since, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${waiting?.seen.size} of ${requests.length} streams saw ${marker}`)),
          timeoutMs,
        );
        waiting = {
          marker,
          since,
          seen: new Set(),
          first: 0,
          last: 0,
          done: () => {
            clearTimeout(timer);
            const w = waiting!;
            waiting = null;
            resolve({ firstMs: w.first, lastMs: w.last, reached: w.seen.size });
          },
        };
      });
    },
    close() {
      for (const request of requests) request.destroy();
    },
  };
}
