import { processCpuMs } from '../chat/cpu';
import { startSwitchboard } from '../chat/server';
import { createPostgresDatabase, type BenchResult, type BenchSuite } from '../lib';

/**
 * A server with nothing to do: CPU it spends anyway (polls, heartbeats, timers) over
 * BENCH_IDLE_SECONDS, after a settling pause. Budget: ≤ 0.5 % of one core.
 */
const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const SETTLE_MS = 15_000;

export const idleSuite: BenchSuite = {
  name: 'idle',
  description: `CPU of an idle server over ${SECONDS}s`,
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) {
      const database = mode === 'postgres' ? await createPostgresDatabase(ctx.postgresUrl!) : null;
      const server = await startSwitchboard(database ? { DATABASE_URL: database.url } : {});
      try {
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        const before = processCpuMs(server.process.pid);
        await new Promise((r) => setTimeout(r, SECONDS * 1000));
        const after = processCpuMs(server.process.pid);
        if (before === null || after === null) continue;
        const pct = Math.round(((after - before) / (SECONDS * 1000)) * 1000) / 10;
        results.push({
          suite: 'idle',
          name: `idle server CPU, ${SECONDS}s`,
          mode,
          metrics: { cpuPctOfCore: pct },
          budget: '≤ 0.5 % of a core',
          withinBudget: pct <= 0.5,
        });
      } finally {
        await server.stop();
        await database?.drop();
      }
    }
    return results;
  },
};
