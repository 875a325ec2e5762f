import { call, type Api } from '../api/call';
import { openLoop, type OpenLoopResult, type Target } from '../api/open-loop';
import { startSwitchboard, type SwitchboardProcess } from '../chat/server';
import { createPostgresDatabase, summarize, type BenchResult, type BenchSuite, type DbMode } from '../lib';

/**
 * API reads under an open-loop load: a mix of the list and detail reads an integration or the
 * dashboard makes, at fixed arrival rates, against `switchboard start` in its own process, with
 * a floor in the same run (GET /healthz on the same server: no authentication, no database), so
 * the budget reads as "what the API adds over answering HTTP at all" on whatever machine runs it.
 */
const RATES = (process.env.BENCH_API_RATES ?? '50,200,500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 15);
const CONVERSATIONS = Number(process.env.BENCH_API_CONVERSATIONS ?? 40);

async function seed(api: Api): Promise<Target[]> {
  const agents: string[] = [];
  for (let i = 0; i < 8; i++)
    agents.push(
      (
        await call<{ agent: { id: string } }>(api, '/api/v1/agents', {
          name: `Bench agent ${i}`,
          instructions: 'Answer questions about the shop.',
        })
      ).agent.id,
    );
  for (let i = 0; i < 5; i++)
    await call(api, '/api/v1/knowledge/sources', {
      kind: 'text',
      title: `Help page ${i}`,
      text: `Returns are accepted within ${30 + i} days. Shipping takes ${i + 2} days.`,
    });
  const conversations: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { conversation } = await call<{ conversation: { id: string } }>(api, '/api/v1/conversations', {
      agentId: agents[i % agents.length],
      visitorId: `visitor-${i}`,
    });
    conversations.push(conversation.id);
    await call(api, `/api/v1/conversations/${conversation.id}/messages`, { content: 'How long do returns take?' });
  }
  const agentId = agents[0]!;
  const conversationId = conversations[0]!;
  return [
    { name: 'agents', path: '/api/v1/agents' },
    { name: 'agent', path: `/api/v1/agents/${agentId}` },
    { name: 'conversations', path: '/api/v1/conversations?limit=20' },
    { name: 'conversation', path: `/api/v1/conversations/${conversationId}` },
    { name: 'messages', path: `/api/v1/conversations/${conversationId}/messages` },
    { name: 'leads', path: `/api/v1/leads?status=new&limit=20` },
    { name: 'agent conversations', path: `/api/v1/conversations?agentId=${agentId}&limit=20` },
    { name: 'sources', path: '/api/v1/knowledge/sources' },
    { name: 'usage', path: '/api/v1/usage' },
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;

function row(mode: DbMode, name: string, rate: number, run: OpenLoopResult, floorP95: number | null): BenchResult {
  const s = summarize(run.all);
  const metrics: Record<string, number> = {
    requests: run.all.length,
    errors: run.errors,
    p50Ms: round(s.p50Ms),
    p95Ms: round(s.p95Ms),
    p99Ms: round(s.p99Ms),
    ...(run.cpuMsPerRequest !== null && { cpuMsPerRequest: run.cpuMsPerRequest }),
  };
  if (floorP95 === null) return { suite: 'api-reads', name, mode, metrics };
  metrics.floorP95Ms = round(floorP95);
  // The slowest read of the mix: a budget on the mix alone would hide one slow endpoint.
  const worst = [...run.byTarget].map(([target, samples]) => [target, summarize(samples).p95Ms] as const);
  worst.sort((a, b) => b[1] - a[1]);
  metrics.slowestP95Ms = round(worst[0]![1]);
  const gated = rate === 200;
  return {
    suite: 'api-reads',
    name,
    mode,
    metrics,
    ...(gated && {
      budget: mode === 'postgres' ? 'p95 ≤ 20 ms and ≤ 3× floor' : 'p95 ≤ 3× floor',
      withinBudget: run.errors === 0 && (mode !== 'postgres' || s.p95Ms <= 20) && s.p95Ms <= 3 * Math.max(floorP95, 1),
    }),
    note: `slowest read: ${worst[0]![0]} (p95 ${round(worst[0]![1])} ms); by read: ${worst
      .map(([t, p]) => `${t} ${round(p)}`)
      .join(', ')}${run.errors ? `; failed: ${[...run.failures].map(([k, n]) => `${k} ×${n}`).join(', ')}` : ''}`,
  };
}

async function runMode(mode: DbMode, postgresUrl: string | undefined, log: (line: string) => void) {
  const database = mode === 'postgres' ? await createPostgresDatabase(postgresUrl!) : null;
  let server: SwitchboardProcess | undefined;
  try {
    server = await startSwitchboard(database ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '10' } : {});
    const api: Api = {
      url: server.url,
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    };
    log(`${mode}: seeding ${CONVERSATIONS} conversations…`);
    const targets = await seed(api);
    const base = { baseUrl: server.url, headers: { authorization: api.headers.authorization! } };
    const pid = server.process.pid;
    // Warm-up: the JIT, the pools and the caches of a running server.
    await openLoop({ ...base, targets, ratePerSecond: 100, seconds: 3, serverPid: pid });
    await openLoop({
      ...base,
      targets: [{ name: 'floor', path: '/healthz' }],
      ratePerSecond: 100,
      seconds: 2,
      serverPid: pid,
    });
    const results: BenchResult[] = [];
    for (const rate of RATES) {
      log(`${mode}: ${rate} requests/s for ${SECONDS}s, floor then reads…`);
      const floor = await openLoop({
        ...base,
        targets: [{ name: 'floor', path: '/healthz' }],
        ratePerSecond: rate,
        seconds: SECONDS,
        serverPid: pid,
      });
      const reads = await openLoop({ ...base, targets, ratePerSecond: rate, seconds: SECONDS, serverPid: pid });
      results.push(row(mode, `floor: GET /healthz at ${rate}/s`, rate, floor, null));
      results.push(row(mode, `mixed reads at ${rate}/s`, rate, reads, summarize(floor.all).p95Ms));
    }
    return results;
  } finally {
    await server?.stop();
    await database?.drop();
  }
}

export const apiReadsSuite: BenchSuite = {
  name: 'api-reads',
  description: `mixed API reads open-loop at ${RATES.join(', ')} requests/s for ${SECONDS}s each, beside a /healthz floor`,
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) results.push(...(await runMode(mode, ctx.postgresUrl, ctx.log)));
    return results;
  },
};
