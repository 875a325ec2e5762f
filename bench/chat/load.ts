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

/** Reads a streamed response to its end; returns ms from `startedAt` to the first chunk `isFirst` accepts. */
export async function timeFirst(response: Response, startedAt: number, isFirst: (text: string) => boolean): Promise<number> {
  if (!response.ok || !response.body) throw new Error(`request failed: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let first: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (first === undefined) {
      seen += decoder.decode(value, { stream: true });
      if (isFirst(seen)) first = performance.now() - startedAt;
    }
  }
  if (first === undefined) throw new Error(`the stream ended without a first token: ${seen.slice(0, 500)}`);
  return first;
}
