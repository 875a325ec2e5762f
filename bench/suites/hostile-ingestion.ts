import { bigCsv, nestedHtml, slowHtml } from '../../apps/server/test/support/fixtures/hostile';
import { latencies, startProbes, type Probe, type Target } from '../../apps/server/test/support/probes';
import type { BenchResult, BenchSuite, DbMode } from '../lib';
import { api, createBenchDatabase, startBenchServer, type BenchServer } from './fanout-server';
import { setUpWorkspace } from './reply-latency';

/**
 * Issue 16 budget: `/healthz` p99 ≤ 50 ms while a hostile document ingests (extraction runs
 * in its own process). Read against the floor: the same probes on the same server, idle,
 * just before. A `switchboard start` process with the default extraction limits; the
 * probes come from this process every PROBE_GAP_MS, one request at a time per target.
 * Hostile: a page nested 2,000 levels (refused on its depth), a page just shallow enough
 * for Readability (seconds of CPU and hundreds of MB in the extraction process) and a CSV of
 * 100,000 rows (read, chunked and stored), uploaded together.
 */
const PROBE_GAP_MS = 20;
const IDLE_MS = 5_000;

const DOCUMENTS = [
  { name: 'nested.html', type: 'text/html', content: () => nestedHtml(2_000) },
  { name: 'slow.html', type: 'text/html', content: () => slowHtml(2_000) },
  { name: 'rows.csv', type: 'text/csv', content: () => bigCsv(100_000) },
];

interface Source {
  id: string;
  status: string;
  error: string | null;
  chunkCount: number;
}

async function ingestHostile(base: string, key: string): Promise<Source[]> {
  const headers = { authorization: `Bearer ${key}` };
  const ids = await Promise.all(
    DOCUMENTS.map(async ({ name, type, content }) => {
      const form = new FormData();
      form.append('file', new Blob([content()], { type }), name);
      const response = await fetch(`${base}/api/v1/knowledge/sources/upload`, { method: 'POST', headers, body: form });
      if (response.status !== 201)
        throw new Error(`upload of ${name} answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { source: Source }).source.id;
    }),
  );
  // A keep-alive connection the server dropped (after a stall) is tried once more.
  const read = async (id: string) => {
    const once = async () =>
      ((await (await fetch(`${base}/api/v1/knowledge/sources/${id}`, { headers })).json()) as { source: Source })
        .source;
    return once().catch(once);
  };
  const deadline = Date.now() + 300_000;
  for (;;) {
    const sources = await Promise.all(ids.map(read));
    if (sources.every((s) => s.status === 'ready' || s.status === 'failed')) return sources;
    if (Date.now() > deadline)
      throw new Error(`hostile sources still processing: ${JSON.stringify(sources.map((s) => s.status))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measure(server: BenchServer, mode: DbMode, log: (line: string) => void): Promise<BenchResult> {
  const { key, agentId, member } = await setUpWorkspace(server.base);
  const widget = (await api(server.base, '/api/v1/widgets', { method: 'POST', json: { agentId }, ...member })).body
    .widget.publicKey as string;
  const targets: Target[] = [
    { name: 'healthz', url: `${server.base}/healthz` },
    { name: 'widget', url: `${server.base}/api/widget/v1/${widget}/config`, headers: { origin: server.base } },
  ];
  const of = (probes: Probe[], name: string) => {
    const mine = probes.filter((p) => p.target === name);
    // A probe that got no answer (its connection dropped after a stall) counts with its wait.
    return { ...latencies(mine), count: mine.length, failed: mine.filter((p) => p.status !== 200).length };
  };

  log(`${mode}: ${IDLE_MS / 1000} s idle, then ${DOCUMENTS.map((d) => d.name).join(', ')} uploaded together…`);
  const idle = await startProbes(targets, PROBE_GAP_MS).stop(IDLE_MS);
  const hostile = startProbes(targets, PROBE_GAP_MS);
  const started = performance.now();
  const sources = await ingestHostile(server.base, key);
  const window = performance.now() - started;
  const during = await hostile.stop();

  const floor = of(idle, 'healthz');
  const health = of(during, 'healthz');
  const widgetDuring = of(during, 'widget');
  const outcomes = sources.map(
    (s, i) =>
      `${DOCUMENTS[i]!.name} ${s.status}${s.error ? ` (${s.error.slice(0, 60)}…)` : ` (${s.chunkCount} chunks)`}`,
  );
  return {
    suite: 'hostile-ingestion',
    name: '/healthz p99 while hostile documents ingest',
    mode,
    metrics: {
      p50Ms: health.p50,
      p99Ms: health.p99,
      maxMs: health.max,
      floorP99Ms: floor.p99,
      widgetP99Ms: widgetDuring.p99,
      widgetMaxMs: widgetDuring.max,
      probes: health.count,
      unanswered: health.failed + widgetDuring.failed,
      windowMs: Math.round(window),
    },
    budget: '≤ 50 ms',
    withinBudget: health.p99 <= 50 && health.failed === 0,
    note: `probes every ${PROBE_GAP_MS} ms per target from upload to the last source done (${outcomes.join('; ')}); floor: the same server idle for ${IDLE_MS / 1000} s just before; widget = another workspace's public widget config`,
  };
}

export const hostileIngestionSuite: BenchSuite = {
  name: 'hostile-ingestion',
  description: '/healthz and a widget answering while documents built to stall a parser ingest',
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) {
      const database = mode === 'postgres' ? await createBenchDatabase(ctx.postgresUrl) : null;
      try {
        // The probes are many per second from one address: only the limiter would be measured.
        const server = await startBenchServer(database?.url ?? null, undefined, {
          WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000000',
        });
        try {
          results.push(await measure(server, mode, ctx.log));
        } finally {
          await server.stop();
        }
      } finally {
        await database?.drop();
      }
    }
    return results;
  },
};
