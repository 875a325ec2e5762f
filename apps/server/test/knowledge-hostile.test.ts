import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../src/platform/paths';
import { startChild, type Child } from './support/child';
import { PASSWORD } from './support/client';
import { alive, childProcesses } from './support/processes';
import { cloneTestDatabase, type TestDatabaseClone } from './support/database';
import { bigCsv, nestedHtml, slowHtml } from './support/fixtures/hostile';
import { latencies, startProbes, type Probe, type Target } from './support/probes';

/**
 * Issue 16, H1, as the attacker does it: `switchboard start` on the embedded database with
 * two workspaces. A (the attacker, a key with knowledge.write) uploads documents built to
 * stall a parser; B is a bystander whose website widget must keep answering. Checked over
 * HTTP from outside the process: /healthz and B's public widget config answer quickly
 * while A's documents ingest, SIGTERM stops the server during a slow extraction, and the
 * restarted server retries the document without freezing again.
 */
const BIN = path.join(SERVER_ROOT, 'bin', 'switchboard.mjs');
const TIME_LIMIT = /Reading this document took longer than the limit of \d+(\.\d+)? s; it was stopped\./;
const MEMORY_LIMIT = /Reading this document needed more than the limit of \d+ MB of memory; it was stopped\./;

let clone: TestDatabaseClone;
let server: Child | null = null;
let attackerKey: string;
let widgetKey: string;

/**
 * A server on the clone. The rate limits are raised so that the probes (many per second
 * from one address) measure the server, not its limiter; `cpuSeconds` is the extraction
 * time limit (low here so that the limit, not the document, decides how long a test runs).
 */
async function start(cpuSeconds: number): Promise<{ child: Child; url: string }> {
  if (server) await stop(server);
  const child = startChild(
    BIN,
    {
      DATA_DIR: clone.dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
      EMBEDDING_MODEL: 'none',
      RATE_LIMIT_PER_MINUTE: '100000',
      WIDGET_IP_RATE_LIMIT_PER_MINUTE: '100000',
      KNOWLEDGE_EXTRACT_CPU_SECONDS: String(cpuSeconds),
    },
    ['start'],
  );
  server = child;
  const line = await child.waitFor(/Switchboard is running: open/, 90_000);
  return { child, url: line.split('open ')[1]!.trim() };
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
  await child.exited;
}

/** A JSON call as a browser page of the app (Origin) with a cookie, or as an API client with a key. */
async function call(
  url: string,
  pathname: string,
  init: { method?: string; json?: unknown; cookie?: string; key?: string; workspace?: string; body?: FormData } = {},
) {
  const headers: Record<string, string> = { origin: url };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.workspace) headers['x-workspace-id'] = init.workspace;
  const response = await fetch(url + pathname, {
    method: init.method ?? 'GET',
    headers,
    body: init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: response.status, body: (await response.json()) as any, cookie };
}

/** The bystander: the platform's first administrator signs in and sets up workspace B's agent and widget. */
async function setUpBystander(url: string): Promise<string> {
  expect(
    (
      await call(url, '/api/v1/setup', {
        method: 'POST',
        json: { name: 'Admin', email: 'admin@example.test', password: PASSWORD },
      })
    ).status,
  ).toBe(201);
  const { cookie } = await call(url, '/api/auth/sign-in/email', {
    method: 'POST',
    json: { email: 'admin@example.test', password: PASSWORD },
  });
  const workspace = (await call(url, '/api/v1/workspaces', { method: 'POST', json: { name: 'Bystander' }, cookie }))
    .body.workspace.id as string;
  const agent = await call(url, '/api/v1/agents', {
    method: 'POST',
    json: { name: 'Shop help', answerMode: 'extractive' },
    cookie,
    workspace,
  });
  expect(agent.status).toBe(201);
  const widget = await call(url, '/api/v1/widgets', {
    method: 'POST',
    json: { agentId: agent.body.agent.id },
    cookie,
    workspace,
  });
  expect(widget.status).toBe(201);
  return widget.body.widget.publicKey as string;
}

async function upload(url: string, name: string, type: string, content: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  const uploaded = await call(url, '/api/v1/knowledge/sources/upload', {
    method: 'POST',
    key: attackerKey,
    body: form,
  });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  return uploaded.body.source.id as string;
}

/** A source as its owner sees it; a dropped connection (a keep-alive socket the server closed) is retried once. */
const source = async (url: string, id: string) => {
  const read = () => call(url, `/api/v1/knowledge/sources/${id}`, { key: attackerKey });
  return (await read().catch(read)).body.source;
};

/** Polls a source until `done` says so (every state seen is kept), or fails after `ms`. */
async function watch(
  url: string,
  id: string,
  done: (s: any) => boolean,
  ms: number,
): Promise<{ last: any; seen: string[] }> {
  const deadline = Date.now() + ms;
  const seen: string[] = [];
  for (;;) {
    const last = await source(url, id);
    const state = `${last.status}/${last.stage}`;
    if (seen.at(-1) !== state) seen.push(state);
    if (done(last)) return { last, seen };
    if (Date.now() > deadline) throw new Error(`source ${id} still ${state} after ${ms} ms (seen ${seen.join(', ')})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
/** Done with this run: a failed source keeps the stage it failed in. */
const terminal = (s: any) => s.status === 'ready' || s.status === 'failed';

/** The two bystanders: the server's health check and another workspace's public widget. */
const targets = (url: string): Target[] => [
  { name: '/healthz', url: `${url}/healthz` },
  { name: 'widget config', url: `${url}/api/widget/v1/${widgetKey}/config`, headers: { origin: url } },
];

/**
 * The issue asks for answers within 200 ms. The median and p90 are held to that; the single
 * slowest probe gets 1 s, because this machine is shared (two cores, other test files, the
 * extraction process) and one probe can wait on the scheduler. A frozen event loop — what
 * H1 was — holds every probe for the whole extraction, many seconds, so it fails either bound.
 */
function expectResponsive(probes: Probe[]): void {
  for (const target of new Set(probes.map((p) => p.target))) {
    const mine = probes.filter((p) => p.target === target);
    expect(mine.length, target).toBeGreaterThanOrEqual(10);
    expect(
      mine.filter((p) => p.status !== 200),
      `${target}: every probe answers 200`,
    ).toEqual([]);
    const { p50, p90, max } = latencies(mine);
    expect(
      { target, p50: p50 <= 200, p90: p90 <= 200, max: max <= 1000 },
      `${target}: p50 ${p50} ms, p90 ${p90} ms, max ${max} ms`,
    ).toEqual({ target, p50: true, p90: true, max: true });
  }
}

beforeAll(async () => {
  clone = await cloneTestDatabase();
  const created = spawnSync(
    process.execPath,
    [BIN, 'tenant', 'create', '--name', 'Attacker', '--owner-email', 'attacker@example.test', '--json'],
    {
      env: { ...process.env, DATA_DIR: clone.dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  expect(created.status, created.stderr).toBe(0);
  attackerKey = (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
}, 120_000);

afterAll(async () => {
  if (server) await stop(server);
  await clone?.drop();
});

describe('a hostile document (issue 16, H1)', () => {
  // 1 s of CPU: the CSV below needs more, so it ends at the time limit.
  it('does not slow /healthz or another workspace’s widget while it ingests, and fails with a reason', async () => {
    const { child, url } = await start(1);
    widgetKey = await setUpBystander(url);
    const html = nestedHtml(2_000);
    const csv = bigCsv(100_000);
    expect(html.length).toBeGreaterThan(25_000);
    expect(csv.length).toBeGreaterThan(8_000_000);

    // Probing starts before the uploads (sent together): a job may start while the other
    // upload is still being received.
    const probes = startProbes(targets(url), 50);
    const [nestedId, csvId] = await Promise.all([
      upload(url, 'nested.html', 'text/html', html),
      upload(url, 'rows.csv', 'text/csv', csv),
    ]);
    const [nested, rows] = await Promise.all([
      watch(url, nestedId, terminal, 120_000),
      watch(url, csvId, terminal, 120_000),
    ]);
    const results = await probes.stop(2_000);

    expectResponsive(results);
    expect(nested.last).toMatchObject({ status: 'failed', chunkCount: 0 });
    expect(nested.last.error).toMatch(/^This source has 2,00\d levels of nested elements; the limit is 500\./);
    expect(rows.last).toMatchObject({ status: 'failed', chunkCount: 0 });
    expect(rows.last.error).toMatch(TIME_LIMIT);
    await stop(child);
  }, 240_000);

  // 3 s of CPU here and after the restart: the slow page needs several times that, so it is
  // still being read when SIGTERM arrives, and ends at the limit once it runs again.
  let interrupted: string | null = null;

  it('stops within 10 s on SIGTERM while a slow document is being read', async () => {
    const { child, url } = await start(3);
    const id = await upload(url, 'slow.html', 'text/html', slowHtml(2_000));
    await watch(url, id, (s) => s.status === 'processing', 60_000);
    interrupted = id;
    // Reading starts right after: its process appears, and is given a moment into the page.
    const pid = child.process.pid!;
    const appeared = Date.now() + 2_000;
    while (childProcesses(pid, 'extract-child').length === 0 && Date.now() < appeared)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    const sandbox = childProcesses(pid, 'extract-child');

    const signalled = Date.now();
    child.process.kill('SIGTERM');
    const exit = await Promise.race([child.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    const took = Date.now() - signalled;
    // What a service manager does after its grace period, so the restart below still runs.
    if (!exit) child.process.kill('SIGKILL');
    expect(exit, `exited ${took} ms after SIGTERM`).toEqual({ code: 0, signal: null });
    // The page was being read in the extraction process, which did not outlive the server.
    expect(sandbox.length).toBe(1);
    expect(sandbox.filter(alive)).toEqual([]);
  }, 120_000);

  it('reads the interrupted document again after a restart, without freezing, and ends it with a reason', async () => {
    expect(interrupted).not.toBeNull();
    const { child, url } = await start(3);
    // One request each first: a process's first answers pay for cold code and caches, which
    // is start-up, not the ingestion this test watches (the retried run starts seconds later).
    for (const target of targets(url))
      expect((await fetch(target.url, { headers: target.headers ?? {} })).status).toBe(200);
    const probes = startProbes(targets(url), 50);
    const retried = await watch(url, interrupted!, terminal, 120_000);
    const results = await probes.stop(2_000);

    expectResponsive(results);
    // Left processing by the stopped run (the stop was not the document's fault, so it was
    // not failed), then run again after the retry delay and stopped by the limit this time.
    expect(retried.seen[0]).toMatch(/^processing\//);
    expect(retried.last).toMatchObject({ status: 'failed', chunkCount: 0 });
    expect(retried.last.error).toMatch(new RegExp(`${TIME_LIMIT.source}|${MEMORY_LIMIT.source}`));
    await stop(child);
  }, 180_000);
});
