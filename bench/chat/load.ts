/**
 * Closed-loop chat load: `concurrency` conversations, each sending its next message as soon
 * as the previous answer has finished streaming, timing the first token of every answer.
 */
export type FirstTokenProbe = (conversation: number, round: number) => Promise<number>;

export async function closedLoop(concurrency: number, rounds: number, probe: FirstTokenProbe): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, conversation) => {
      // Spread the starts over a few milliseconds, as real conversations never start in the same instant.
      await new Promise((r) => setTimeout(r, (conversation * 7) % 50));
      for (let round = 0; round < rounds; round++) samples.push(await probe(conversation, round));
    }),
  );
  return samples;
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
