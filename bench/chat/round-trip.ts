import pg from 'pg';
import { summarize } from '../lib';

/**
 * What one database round trip costs on this machine, as a floor for the chat benchmark: `SELECT 1`
 * back to back, and after a 20 ms pause (as a chat turn's statements come: the processes sleep
 * between them, and waking a sleeping virtual CPU is part of every hop). A chat turn makes two of
 * these before the model call, and the HTTP hops in and out pay the same wake-up.
 */
export async function databaseRoundTrips(
  url: string,
  samples = 200,
): Promise<{ backToBack: ReturnType<typeof summarize>; afterPause: ReturnType<typeof summarize> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const time = async (pauseMs: number) => {
      const taken: number[] = [];
      for (let i = 0; i < samples; i++) {
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        const started = performance.now();
        await client.query('SELECT 1');
        taken.push(performance.now() - started);
      }
      return summarize(taken);
    };
    await time(0);
    return { backToBack: await time(0), afterPause: await time(20) };
  } finally {
    await client.end();
  }
}
