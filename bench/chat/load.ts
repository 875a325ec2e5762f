import http from 'node:http';

/**
 * Chat load as people make it: `concurrency` conversations, each sending a message, reading
 * the whole streamed answer, pausing `thinkMs()` and sending the next; the first token of
 * every answer is timed.
 */
export type FirstTokenProbe = (conversation: number, round: number) => Promise<number>;

export async function conversationsLoop(
  concurrency: number,
  rounds: number,
  probe: FirstTokenProbe,
  thinkMs: () => number = () => 0,
): Promise<{ samples: number[]; answersPerSecond: number }> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, conversation) => {
      // Conversations start spread over a first pause, as they never start in the same instant.
      await new Promise((r) => setTimeout(r, Math.random() * thinkMs()));
      for (let round = 0; round < rounds; round++) {
        samples.push(await probe(conversation, round));
        if (round < rounds - 1) await new Promise((r) => setTimeout(r, thinkMs()));
      }
    }),
  );
  return { samples, answersPerSecond: Math.round((samples.length / ((performance.now() - started) / 1000)) * 10) / 10 };
}

/**
 * Keep-alive like fetch's: a socket idle for 4 s is closed by us before a server's usual 5 s
 * keep-alive timeout can close it under a request being sent on it.
 */
const agent = new http.Agent({ keepAlive: true, timeout: 4_000 });

/**
 * POSTs `body` and reads the streamed answer to its end over node:http; returns ms from the
 * request's start to the first chunk `isFirst` accepts. The clients share the 2 cores with the
 * server under test, and fetch reads a body through web streams (a promise chain per chunk):
 * over node:http the benchmark's own process spends ≈ 4 ms less CPU per answer (measured,
 * 19 → 14.5 ms with the model server) — CPU the server would queue behind.
 */
export function timeFirstChunk(
  url: string,
  headers: Record<string, string>,
  body: string,
  isFirst: (text: string) => boolean,
): Promise<number> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      response.setEncoding('utf8');
      response.on('error', reject);
      let seen = '';
      let first: number | undefined;
      if ((response.statusCode ?? 0) >= 300) {
        response.on('data', (chunk: string) => (seen += chunk));
        response.on('end', () => reject(new Error(`request failed: ${response.statusCode} ${seen}`)));
        return;
      }
      response.on('data', (chunk: string) => {
        if (first !== undefined) return;
        seen += chunk;
        if (isFirst(seen)) first = performance.now() - startedAt;
      });
      response.on('end', () =>
        first === undefined
          ? reject(new Error(`the stream ended without a first token: ${seen.slice(0, 500)}`))
          : resolve(first),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}
