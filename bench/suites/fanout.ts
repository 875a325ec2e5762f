import { percentile, type BenchResult, type BenchSuite, type DbMode } from '../lib';
import { api, createBenchDatabase, startBenchServer, type BenchServer } from './fanout-server';
import { openFleet } from './fanout-streams';
import { measureReplyLatency, setUpWorkspace } from './reply-latency';

/**
 * Realtime fan-out (issue budget: 5,000 open SSE streams on one process in < 1 GB RSS): a
 * `switchboard start` process, 5,000 visitor streams (`GET /api/v1/conversations/{id}/events`,
 * real HTTP from this process) on one conversation, then the time for one event to reach
 * all of them — an ephemeral typing event, and a stored human reply (commit → outbox →
 * bus → hub → one shared read → 5,000 SSE writes) — and the server's resident memory.
 */
const STREAMS = Number(process.env.BENCH_FANOUT_STREAMS ?? 5000);
const ROUNDS = 5;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;
const p50 = (values: number[]) =>
  round1(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ),
  );

async function measure(server: BenchServer, mode: DbMode, log: (line: string) => void): Promise<BenchResult> {
  const { base } = server;
  const { key, agentId, member } = await setUpWorkspace(base);
  const id = (await api(base, '/api/v1/conversations', { method: 'POST', json: { agentId }, key })).body.conversation
    .id as string;
  await api(base, `/api/v1/inbox/conversations/${id}/takeover`, { method: 'POST', json: {}, ...member });

  const idle = server.rssMb();
  const opening = performance.now();
  const fleet = await openFleet(
    `${base}/api/v1/conversations/${id}/events`,
    { authorization: `Bearer ${key}` },
    STREAMS,
  );
  const openMs = Math.round(performance.now() - opening);
  log(`${mode}: ${fleet.count()} streams open in ${openMs} ms`);
  const open = server.rssMb();
  const typing: number[] = [];
  const stored: number[] = [];
  let reached = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const typed = fleet.arrival('"typing":true', performance.now());
      await api(base, `/api/v1/inbox/conversations/${id}/typing`, {
        method: 'POST',
        json: { typing: true },
        ...member,
      });
      typing.push((await typed).lastMs);
      await api(base, `/api/v1/inbox/conversations/${id}/typing`, {
        method: 'POST',
        json: { typing: false },
        ...member,
      });
      await pause(300);
      const marker = `bench-reply-${round}`;
      const replied = fleet.arrival(marker, performance.now());
      await api(base, `/api/v1/inbox/conversations/${id}/messages`, {
        method: 'POST',
        json: { content: marker },
        ...member,
      });
      const arrival = await replied;
      stored.push(arrival.lastMs);
      reached = arrival.reached;
      await pause(300);
    }
  } finally {
    fleet.close();
  }
  const peak = server.rssMb();
  const heap = await server.heapMb();
  return {
    suite: 'fanout',
    name: 'one event to every open SSE stream of one process',
    mode,
    metrics: {
      streams: reached,
      typingAllP50Ms: p50(typing),
      typingAllMaxMs: round1(Math.max(...typing)),
      replyAllP50Ms: p50(stored),
      replyAllMaxMs: round1(Math.max(...stored)),
      openAllMs: openMs,
      rssIdleMb: idle,
      rssOpenMb: open,
      rssPeakMb: peak,
      heapUsedMb: heap.used,
    },
    budget: `${STREAMS} streams in < 1 GB RSS`,
    withinBudget: Math.max(open, peak) < 1024 && reached === STREAMS,
    note: `until the last of ${STREAMS} streams received the event, from the request that caused it (the ${STREAMS} clients run on the same 2 cores); ${ROUNDS} rounds${mode === 'embedded' ? '; RSS includes the embedded PGlite' : ''}`,
  };
}

export const fanoutSuite: BenchSuite = {
  name: 'fanout',
  description: `one event to ${STREAMS} open SSE streams on one server process`,
  async run(ctx) {
    const results: BenchResult[] = [];
    const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
    for (const mode of ctx.modes) {
      const database = mode === 'postgres' ? await createBenchDatabase(ctx.postgresUrl) : null;
      try {
        const a = await startBenchServer(database?.url ?? null, redisUrl);
        try {
          results.push(await measure(a, mode, ctx.log));
          // A second process on the same PostgreSQL and Redis: the reply crosses servers.
          const b = database && redisUrl ? await startBenchServer(database.url, redisUrl) : a;
          try {
            results.push(await measureReplyLatency(a, b, mode));
          } finally {
            if (b !== a) await b.stop();
          }
        } finally {
          await a.stop();
        }
      } finally {
        await database?.drop();
      }
    }
    return results;
  },
};
