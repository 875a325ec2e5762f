import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_ROOT } from '../../apps/server/src/platform/paths';
import { startChild, type Child } from '../../apps/server/test/support/child';
import { createPostgresDatabase } from '../lib';

export interface BenchServer {
  base: string;
  child: Child;
  /** Resident memory of the server process, in MiB. */
  rssMb(): number;
  /** The main thread's V8 heap as the server reports it on /metrics. */
  heapMb(): Promise<{ used: number; total: number }>;
  stop(): Promise<void>;
}

/** The bench servers' metrics token: /metrics is not served without one. */
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

/** A fresh PostgreSQL database for servers to share (they migrate it at start). */
export async function createBenchDatabase(
  postgresUrl: string | undefined,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error('postgres mode needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  return createPostgresDatabase(postgresUrl);
}

/**
 * `switchboard start` for a benchmark: embedded (PGlite in the process, its memory counted)
 * without a database URL, or on that PostgreSQL database (and Redis when given): the
 * scale-out shape. Servers sharing a database share SECRET_KEY. `env` adds or overrides settings.
 */
export async function startBenchServer(
  databaseUrl: string | null,
  redisUrl?: string,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-server-'));
  const child = startChild(
    path.join(SERVER_ROOT, 'bin', 'switchboard.mjs'),
    {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '10000000',
      // Every stream comes from one key and one address here, as many as BENCH_FANOUT_STREAMS asks.
      STREAM_LIMIT_PER_API_KEY: '1000000',
      STREAM_LIMIT_PER_ADDRESS: '1000000',
      STREAM_LIMIT_PER_PROCESS: '1000000',
      SECRET_KEY: 'b'.repeat(48),
      METRICS_TOKEN,
      DATABASE_URL: databaseUrl ?? '',
      REDIS_URL: databaseUrl ? (redisUrl ?? '') : '',
      ...env,
    },
    ['start'],
  );
  const base = /open (\S+)/.exec(await child.waitFor(/Switchboard is running: open (\S+)/, 120_000))![1]!;
  return {
    base,
    child,
    rssMb: () =>
      Math.round(
        Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.process.pid}/status`, 'utf8'))![1]) / 1024,
      ),
    async heapMb() {
      const text = await (
        await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      const read = (name: string) =>
        Math.round(Number(new RegExp(`^switchboard_nodejs_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20);
      return { used: read('heap_size_used_bytes'), total: read('heap_size_total_bytes') };
    },
    async stop() {
      child.process.kill('SIGTERM');
      await child.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON call with a session cookie, an API key or neither. */
export async function api(
  base: string,
  pathname: string,
  init: { method?: string; json?: unknown; cookie?: string; key?: string; workspace?: string } = {},
) {
  const headers: Record<string, string> = { origin: base };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.workspace) headers['x-workspace-id'] = init.workspace;
  const response = await fetch(base + pathname, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const text = await response.text();
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${text}`);
  return { body: text ? JSON.parse(text) : null, cookie };
}
